using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace PreventionBot.Host.Logging;

/// <summary>
/// Serilog is the only logging pipeline and its MinimumLevel the single level authority. Console by default;
/// a JSON file sink is added by configuration (Serilog:WriteTo). ASP.NET Core's own request and connection
/// logs stay at Warning because at Information they print URLs with query strings.
/// </summary>
public static class LoggingSetup
{
    public static Serilog.ILogger CreateLogger(IConfiguration configuration)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext();

        if (configuration.GetSection("Serilog").Exists())
        {
            // Name the sink assemblies rather than let Serilog scan: scanning misses them under test hosts and
            // trimmed or single-file publishes.
            logger.ReadFrom.Configuration(configuration, new ConfigurationReaderOptions(
                typeof(ConsoleLoggerConfigurationExtensions).Assembly,
                typeof(FileLoggerConfigurationExtensions).Assembly,
                typeof(LoggerConfigurationAsyncExtensions).Assembly));
        }

        if (!configuration.GetSection("Serilog:WriteTo").GetChildren().Any())
        {
            logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return logger.CreateLogger();
    }

    /// <summary>
    /// ASP.NET Core's hosting diagnostics print each request's full URL, query string included, and the
    /// forwarded-headers and HTTP logging components can print client addresses. Our own <see cref="RequestLogging"/>
    /// replaces them, so they are switched off whatever level an operator configures. HttpClient's own logs print
    /// reply URLs, which carry channel conversation ids; the reply sender logs its failures without them.
    /// </summary>
    public static void SuppressFrameworkRequestLogs(ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.HttpOverrides", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", LogLevel.None);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.None);
    }
}

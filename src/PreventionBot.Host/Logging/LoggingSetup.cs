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
            .Enrich.FromLogContext()
            // A taken port or an invalid setting is reported by the host runner in one line; the framework's stack
            // traces of the same failure add nothing.
            .Filter.ByExcluding(e => IsReportedAtStartup(e.Exception));

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

    /// <summary>Failures the host runner reports itself, in one line, when the host cannot start.</summary>
    public static bool IsReportedAtStartup(Exception? exception) =>
        IsAddressInUse(exception) || exception is Microsoft.Extensions.Options.OptionsValidationException
        || exception?.InnerException is Microsoft.Extensions.Options.OptionsValidationException;

    /// <summary>True when the exception (or one it wraps) means "the address is already in use".</summary>
    public static bool IsAddressInUse(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// ASP.NET Core's hosting diagnostics print each request's full URL, query string included, and the
    /// forwarded-headers and HTTP logging components can print client addresses. Our own request logging (Hosting.RequestLogging)
    /// replaces them, so they are switched off whatever level an operator configures. HttpClient's own logs print
    /// reply URLs, which carry channel conversation ids; the reply sender logs its failures without them.
    /// </summary>
    public static void SuppressFrameworkRequestLogs(ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.HttpOverrides", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", LogLevel.None);
        // The route matcher's debug lines quote request paths, and Direct Line paths carry conversation ids.
        logging.AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.None);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.None);
    }
}

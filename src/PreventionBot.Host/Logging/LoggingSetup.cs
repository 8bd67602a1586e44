using Serilog;
using Serilog.Events;

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
            logger.ReadFrom.Configuration(configuration);
        }

        if (!configuration.GetSection("Serilog:WriteTo").GetChildren().Any())
        {
            logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return logger.CreateLogger();
    }
}

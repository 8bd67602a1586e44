using PreventionBot.Host.Logging;
using Serilog.Extensions.Logging;

namespace PreventionBot.Host.Hosting;

/// <summary>
/// What every channel shares and none owns: the listening address, logging, request size limits, forwarded headers
/// from known proxies, security headers, client-fault handling, rate limits and the health and readiness probes.
/// </summary>
public static class HostingSetup
{
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplicationBuilder AddBotHosting(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            // The Bot Framework convention; --urls or ASPNETCORE_URLS override it.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.ClearProviders();
        // Built from the final configuration (so every source, test settings included, is seen) when first needed.
        builder.Services.AddSingleton<ILoggerProvider>(services =>
            new SerilogLoggerProvider(LoggingSetup.CreateLogger(services.GetRequiredService<IConfiguration>()), dispose: true));
        LoggingSetup.SuppressFrameworkRequestLogs(builder.Logging);

        builder.Services.Configure<BotHostOptions>(builder.Configuration.GetSection(BotHostOptions.Section));
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<int?>("Bot:MaxRequestBodyBytes") ?? new BotHostOptions().MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.AddServerHeader = false;
        });
        ProxyOptions.Register(builder.Services, builder.Configuration);
        builder.Services.AddRequestLimits();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Readiness>();
        return builder;
    }

    /// <summary>The shared middleware, outermost first. Channels add theirs and their endpoints after this.</summary>
    public static WebApplication UseBotHosting(this WebApplication app)
    {
        // Read, not resolved: the options are validated when the host starts, where a bad value is reported in one line.
        var proxies = app.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED (key ForwardedHeaders_Enabled) adds the framework's own middleware, which
        // uses the same, restricted options (ProxyOptions); adding ours too would apply the headers twice.
        if (proxies.Enabled && !string.Equals(app.Configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase))
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestLogging>();
        app.UseMiddleware<ClientFaults>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRateLimiter();
        // Liveness: the process answers. Readiness: it can also reach the conversation store.
        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], () => Results.Text("ok"));
        app.MapMethods(Readiness.Path, [HttpMethods.Get, HttpMethods.Head], (Readiness readiness, HttpContext context) => readiness.CheckAsync(context.RequestAborted));
        return app;
    }
}

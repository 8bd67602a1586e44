using Microsoft.Extensions.Options;
using PreventionBot.Host.Authentication;

namespace PreventionBot.Host.BotConnector;

/// <summary>
/// The Azure Bot Service side: <c>/api/messages</c> for the Emulator and every Bot Connector channel (Web Chat, Teams,
/// …), channel authentication (inbound JWTs) and the bot's own tokens and retries for replies (outbound).
/// </summary>
public static partial class BotConnectorSetup
{
    public static IServiceCollection AddBotConnectorChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotAuthenticationOptions>()
            .Bind(configuration)
            .Configure(o => o.RequireAppId = configuration.GetValue<bool>("Bot:RequireAppId"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>, ExplainProblems>();
        services.Configure<ReplySenderOptions>(configuration.GetSection("Bot"));

        services.AddHttpClient(HttpClientNames.OpenIdMetadata, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(HttpClientNames.Login);
        // Each attempt has its own time limit (Polly); the client's own is only a backstop.
        services.AddHttpClient(HttpClientNames.Connector, client => client.Timeout = TimeSpan.FromSeconds(100))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.AddSingleton<ChannelAuthenticator>();
        services.AddSingleton<IBotTokenSource, MsalBotTokenSource>();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<ReplySender>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplySender>());
        services.AddHostedService<OpenModeWarning>();
        return services;
    }

    public static WebApplication MapBotConnectorChannel(this WebApplication app)
    {
        app.MapBotMessages();
        return app;
    }

    /// <summary>
    /// The one warning line of open mode. It is written in <see cref="IHostedLifecycleService.StartedAsync"/>: after every
    /// service started (a host that could not bind its port has nothing to warn about), and before the host reports itself
    /// started, so the line is always there by the time anything can talk to the host. An ApplicationStarted callback
    /// raced with whoever was waiting for the start.
    /// </summary>
    private sealed partial class OpenModeWarning(IOptions<BotAuthenticationOptions> options, ILogger<OpenModeWarning> logger)
        : IHostedLifecycleService
    {
        public Task StartedAsync(CancellationToken cancellationToken)
        {
            if (options.Value.IsOpen)
            {
                LogOpenMode(logger);
            }

            return Task.CompletedTask;
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "No MicrosoftAppId: /api/messages accepts activities without channel authentication (Emulator mode) and replies only to this machine. Set MicrosoftAppId for Azure Bot Service.")]
        private static partial void LogOpenMode(ILogger logger);
    }

    /// <summary>Turns each settings problem into its own sentence in the startup error.</summary>
    private sealed class ExplainProblems : IValidateOptions<BotAuthenticationOptions>
    {
        public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

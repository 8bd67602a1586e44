using Microsoft.Extensions.Options;
using PreventionBot.Host.Turns;

namespace PreventionBot.Host.DirectLine;

/// <summary>Which <see cref="ITranscriptStore"/> the host uses: PostgreSQL's when state is there too, else memory.</summary>
public static partial class TranscriptStoreSetup
{
    public static IServiceCollection AddTranscriptStore(this IServiceCollection services)
    {
        services.AddSingleton<DirectLineConversations>();

        // Decided when first resolved, not here: the configuration is complete only once the host is built.
        services.AddSingleton<ITranscriptStore>(sp =>
        {
            if (!string.Equals(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
            {
                return new InMemoryTranscriptStore(sp.GetRequiredService<DirectLineConversations>());
            }

            var options = sp.GetRequiredService<IOptions<DirectLineOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<PostgresTranscriptStore>>();
            if (string.IsNullOrWhiteSpace(options.Secret))
            {
                SecretMissing(logger);
            }

            return new PostgresTranscriptStore(
                sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")!, options, sp.GetRequiredService<TimeProvider>(), logger);
        });
        services.AddHostedService<TranscriptNotifications>();
        services.AddHostedService<DirectLinePurge>();
        return services;
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Warning, Message = "Direct Line conversations are shared in PostgreSQL but DirectLine:Secret is not set, so this host made up its own and accepts only its own tokens: set the same secret on every host")]
    private static partial void SecretMissing(ILogger logger);
}

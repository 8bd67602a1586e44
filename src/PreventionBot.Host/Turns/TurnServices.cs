using Microsoft.Extensions.Options;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Host.Turns;

public static class TurnServices
{
    /// <summary>
    /// Everything a turn needs, built once: content is parsed and rendered and the classifier trained here, at start-up,
    /// so no turn ever re-reads dialogs/. The store is opened on first use, not at registration.
    /// </summary>
    public static IServiceCollection AddTurns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => o.Provider.ToLowerInvariant() is "sqlite" or "memory" or "postgres", "Storage:Provider must be 'sqlite', 'postgres' or 'memory'.")
            .Validate(
                o => !string.Equals(o.Provider, "postgres", StringComparison.OrdinalIgnoreCase) || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")),
                "Storage:Provider 'postgres' needs ConnectionStrings:Postgres.")
            .Validate(o => o.CachedConversations >= 0, "Storage:CachedConversations must be 0 or more.")
            .ValidateOnStart();
        services.AddSingleton(_ => ConversationOptionsFrom(configuration));

        var dialogs = DialogsDirectory.Locate(configuration["Content:DialogsPath"]);
        services.AddSingleton(_ => ContentLoader.Load(dialogs));
        services.AddSingleton(_ => IntentRouter.Load(dialogs));
        services.AddSingleton<IIntentRouter>(sp => sp.GetRequiredService<IntentRouter>());
        services.AddSingleton(sp => ConversationCues.Load(dialogs, sp.GetRequiredService<BotContent>(), sp.GetRequiredService<IntentRouter>().Languages));
        services.AddSingleton<IConversationStore>(sp => CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value, configuration));
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<ButtonTitles>();
        services.AddSingleton<ReplyRenderer>();
        services.AddSingleton<ActivityReader>();
        services.AddSingleton<TurnProcessor>();
        services.AddHostedService<ContentWarmUp>();
        services.AddHostedService<ExpiredStatePurge>();
        return services;
    }

    public static ConversationOptions ConversationOptionsFrom(IConfiguration configuration)
    {
        var options = new ConversationOptions();
        if (configuration.GetValue<int?>("Conversation:StateExpiryMinutes") is { } minutes and > 0)
        {
            options.StateExpiry = TimeSpan.FromMinutes(minutes);
        }

        if (configuration.GetValue<int?>("Conversation:MaxMessageLength") is { } length and > 0)
        {
            options.MaxMessageLength = length;
        }

        return options;
    }

    private static IConversationStore CreateStore(StorageOptions options, IConfiguration configuration) =>
        options.Provider.ToLowerInvariant() switch
        {
            "memory" => new InMemoryConversationStore(),
            "sqlite" => new SqliteConversationStore(options.SqlitePath, options.CachedConversations),
            "postgres" => new PostgresConversationStore(configuration.GetConnectionString("Postgres")!),
            _ => throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not 'sqlite', 'postgres' or 'memory'."),
        };
}

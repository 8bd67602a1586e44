using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Host.Turns;

/// <summary>
/// Renders the content, trains the classifier and loads the cues and language packs before the host takes
/// its first request. Training takes a few seconds on two cores; done lazily, the first person to write
/// would wait for it, and a broken dialogs/ would only show on that first turn. The store is left alone: a
/// host that cannot bind its port must leave no database behind.
/// </summary>
internal sealed class ContentWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<BotContent>();
        services.GetRequiredService<IntentRouter>();
        services.GetRequiredService<ConversationCues>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

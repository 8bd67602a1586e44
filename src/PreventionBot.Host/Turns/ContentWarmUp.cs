using PreventionBot.Core.Conversation;

namespace PreventionBot.Host.Turns;

/// <summary>
/// Builds the conversation engine (content rendered, classifier trained, cues and language packs loaded)
/// before the host takes its first request. Training takes a few seconds on two cores; done lazily, the
/// first person to write would wait for it, and a broken dialogs/ would only show on that first turn.
/// </summary>
internal sealed class ContentWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ConversationEngine>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

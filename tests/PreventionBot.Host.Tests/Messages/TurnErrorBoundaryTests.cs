using Microsoft.Extensions.DependencyInjection;
using PreventionBot.Core.Understanding;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Messages;

public sealed class TurnErrorBoundaryTests
{
    [Fact]
    public async Task An_exception_in_a_turn_gives_the_safe_fallback_reply_and_no_500()
    {
        const string secret = "my private words 12345";
        using var app = new BotApplication(services => services.AddSingleton<IIntentRouter, ThrowingRouter>());
        var client = app.CreateClient();

        var replies = await BotApplication.ExchangeAsync(client, BotApplication.Message(secret, "boom-1"));

        var reply = Assert.Single(replies);
        Assert.Equal("system/error", BotApplication.ReplyOf(reply));
        Assert.Contains("116 123", reply.Text, StringComparison.Ordinal);
        Assert.Contains(app.LogLines, line => line.Contains("Turn failed", StringComparison.Ordinal) && line.Contains(nameof(ThrowingRouter), StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines, line => line.Contains(secret, StringComparison.Ordinal));
    }

    private sealed class ThrowingRouter : IIntentRouter
    {
        public RoutedIntent Route(string text, string? contextTopic = null, IReadOnlyDictionary<string, double>? topicWeights = null, string? conversationLanguage = null, IReadOnlySet<string>? ruledOut = null) => throw new InvalidOperationException("the router failed on: " + text);
    }
}

using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Tests.Conversation;

/// <summary>How the redirects in dialogs/understanding/cues.yaml are read: a rule for an intent wins over one for its
/// topic wherever each is written, and a rule that could never be used is a content error.</summary>
public sealed class RedirectRulesTests : IDisposable
{
    private readonly string _dialogs = Path.Combine(Path.GetTempPath(), $"dialogs-{Guid.NewGuid():N}");

    public RedirectRulesTests()
    {
        Directory.CreateDirectory(Path.Combine(_dialogs, "understanding"));
        File.Copy(Path.Combine(ConversationEngineTests.Dialogs, ConversationCues.File), Path.Combine(_dialogs, ConversationCues.File));
    }

    public void Dispose() => Directory.Delete(_dialogs, recursive: true);

    [Fact]
    public void A_rule_for_the_intent_wins_over_an_earlier_rule_for_its_topic()
    {
        // The shipped file has "victim-support -> young-person" for a young person before "victim-support/pay -> young-person/pay".
        var cues = ConversationEngineTests.Cues;
        Assert.Equal("young-person/pay", cues.Redirect("victim-support/pay", SpeakerRole.YoungPerson));
        Assert.Equal("young-person", cues.Redirect("victim-support/coping", SpeakerRole.YoungPerson));
    }

    [Fact]
    public void A_second_rule_for_the_same_intent_and_speaker_is_rejected()
    {
        var path = Path.Combine(_dialogs, ConversationCues.File);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace(
            "\nredirects:\n",
            "\nredirects:\n  - { intent: victim-support/pay, role: young-person, to: young-person }\n",
            StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(
            () => ConversationCues.Load(_dialogs, ConversationEngineTests.Content, ConversationEngineTests.Router.Languages));

        Assert.Contains(ConversationCues.File, error.Message, StringComparison.Ordinal);
        Assert.Contains("repeats the redirect of 'victim-support/pay'", error.Message, StringComparison.Ordinal);
    }
}

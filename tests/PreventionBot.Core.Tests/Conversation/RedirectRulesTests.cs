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

    /// <summary>Study 50: a 14-year-old who forwarded a classmate's nude was answered as the one being hurt.</summary>
    [Fact]
    public void A_young_person_who_shared_a_picture_has_rules_of_their_own_and_the_young_persons_otherwise()
    {
        var cues = ConversationEngineTests.Cues;

        // Their own rule.
        Assert.Equal("young-person/shared-trouble", cues.Redirect("young-person/in-trouble", SpeakerRole.YoungSharer));
        // No rule of their own: the young person's ("victim-support/coping" is the young people's menu). Being blackmailed
        // is not theirs alone: one who shared can be threatened too.
        Assert.Equal("young-person", cues.Redirect("victim-support/coping", SpeakerRole.YoungSharer));
        Assert.Equal("young-person/threats", cues.Redirect("victim-support/sextortion", SpeakerRole.YoungSharer));
        // The young person's rule, then their own for where it leads: "victim-support/childhood-images" is
        // "young-person/removal", which for one who shared someone else's picture is "young-person/shared-delete".
        Assert.Equal("young-person/shared-delete", cues.Redirect("victim-support/childhood-images", SpeakerRole.YoungSharer));
        // Their replies are only theirs: a young person asking "should i delete it" is answered as one who may be threatened.
        Assert.Equal("young-person/evidence", cues.Redirect("young-person/shared-delete", SpeakerRole.YoungPerson));
        // A button is followed as pressed, except where their own rule says otherwise.
        Assert.Equal("young-person/shared-trouble", cues.OwnRedirect("young-person/in-trouble", SpeakerRole.YoungSharer));
        Assert.Equal("young-person/in-trouble", cues.OwnRedirect("young-person/in-trouble", SpeakerRole.YoungPerson));
        Assert.Equal("young-person/tell", cues.OwnRedirect("young-person/tell", SpeakerRole.YoungSharer));
    }

    /// <summary>Study 69: a 17-year-old who had touched her younger brother was told five times that it was not her fault. Any
    /// young people's reply is theirs instead, questions of what would happen or of telling get those replies; their replies
    /// are only theirs: a young person not known to have harmed gets the young people's replies, since a child who blames
    /// themselves must never be told they harmed someone (the second review of session 30).</summary>
    [Theory]
    [InlineData("young-person/abuse", "young-harmer", "young-person/harmed")]
    [InlineData("young-person/threats", "young-harmer", "young-person/harmed")]
    [InlineData("young-person/in-trouble", "young-harmer", "young-person/harmed-help")]
    [InlineData("law/child", "young-harmer", "young-person/harmed-help")]
    [InlineData("privacy/young-thoughts", "young-harmer", "young-person/harmed-help")]
    [InlineData("young-person/tell-how", "young-harmer", "young-person/harmed-tell")]
    [InlineData("young-person/harmed", "young-person", "young-person")]
    [InlineData("young-person/harmed", "parent-of-victim", "parents-educators/child-harmed")]
    [InlineData("young-person/harmed", "self", "self-help")]
    [InlineData("young-person/harmed", "survivor", "victim-support")]
    // Study 72: an adult who harmed a sibling as a child, read as a survivor of it.
    [InlineData("victim-support/childhood-images", "self", "self-help")]
    public void A_young_person_who_harmed_a_child_gets_their_own_replies_and_nobody_else_does(string intent, string role, string expected)
    {
        Assert.True(SpeakerRoles.TryParse(role, out var speaker));
        Assert.Equal(expected, ConversationEngineTests.Cues.Redirect(intent, speaker));
        Assert.True(SpeakerRole.YoungHarmer.IsUnder18());
        Assert.False(SpeakerRole.YoungHarmer.IsOffenderSide());
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

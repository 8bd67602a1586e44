using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Conversation;

/// <summary>The phrase lists of dialogs/understanding/cues.yaml are read by their key, each key a <see cref="CueList"/>
/// name in snake case: a list the engine has no name for (a misspelt key) is a content error, not a list silently left
/// unread.</summary>
public sealed class CueListTests : IDisposable
{
    private readonly string _dialogs = Path.Combine(Path.GetTempPath(), $"dialogs-{Guid.NewGuid():N}");
    private readonly string _cues;

    public CueListTests()
    {
        Directory.CreateDirectory(Path.Combine(_dialogs, "understanding"));
        _cues = Path.Combine(_dialogs, ConversationCues.File);
        File.Copy(Path.Combine(ConversationEngineTests.Dialogs, ConversationCues.File), _cues);
    }

    public void Dispose() => Directory.Delete(_dialogs, recursive: true);

    [Theory]
    [InlineData(nameof(CueList.UrgeToLook), "sometimes i kinda want to look again")]
    [InlineData(nameof(CueList.StillSeeking), "where do i get more")]
    [InlineData(nameof(CueList.AdultStatements), "im 40")]
    public void A_list_is_read_by_its_name(string name, string message)
    {
        var list = Enum.Parse<CueList>(name);
        Assert.True(ConversationEngineTests.Cues.Says(list, NormalisedText.Of(message)));
        Assert.False(ConversationEngineTests.Cues.Says(list, NormalisedText.Of("hello")));
    }

    [Fact]
    public void A_misspelt_list_is_named()
    {
        File.WriteAllText(_cues, File.ReadAllText(_cues).Replace("\nurge_to_look:", "\nurge_to_lok:", StringComparison.Ordinal));
        var error = Assert.Throws<ContentException>(Load);
        Assert.Contains("understanding/cues.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("urge_to_lok", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_that_is_not_of_phrases_is_named()
    {
        File.AppendAllText(_cues, "\nshaken_extra_nested:\n  - phrase: [a, b]\n");
        var error = Assert.Throws<ContentException>(Load);
        Assert.Contains("shaken_extra_nested", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be a list of phrases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_inside_a_role_entry_is_named()
    {
        File.WriteAllText(_cues, File.ReadAllText(_cues).Replace("    only_if: [harmer]", "    only_iff: [harmer]", StringComparison.Ordinal));
        var error = Assert.Throws<ContentException>(Load);
        Assert.Contains("only_iff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_left_out_is_named()
    {
        var lines = File.ReadAllLines(_cues).ToList();
        var start = lines.IndexOf("harm_denied:");
        var end = start + 1;
        while (end < lines.Count && (lines[end].Length == 0 || lines[end].StartsWith(' ') || lines[end].StartsWith('#')))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        File.WriteAllLines(_cues, lines);
        var error = Assert.Throws<ContentException>(Load);
        Assert.Contains("harm_denied", error.Message, StringComparison.Ordinal);
        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
    }

    private ConversationCues Load() =>
        ConversationCues.Load(_dialogs, ConversationEngineTests.Content, ConversationEngineTests.Router.Languages);
}

using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Understanding;

/// <summary>Loading errors name the file, on a scratch copy of dialogs/training, dialogs/safety and dialogs/languages.</summary>
public sealed class UnderstandingContentTests : IDisposable
{
    private readonly string _dialogs = Path.Combine(Path.GetTempPath(), $"dialogs-{Guid.NewGuid():N}");

    public UnderstandingContentTests()
    {
        var source = DialogsDirectory.Locate();
        foreach (var folder in new[] { "training", "safety", LanguagePacks.Folder })
        {
            Directory.CreateDirectory(Path.Combine(_dialogs, folder));
            foreach (var file in Directory.GetFiles(Path.Combine(source, folder), "*.yaml"))
            {
                File.Copy(file, Path.Combine(_dialogs, folder, Path.GetFileName(file)));
            }
        }
    }

    public void Dispose() => Directory.Delete(_dialogs, recursive: true);

    [Fact]
    public void The_shipped_training_data_has_at_least_150_examples_per_topic_and_30_per_intent()
    {
        var examples = UnderstandingContent.LoadTrainingExamples(DialogsDirectory.Locate());
        Assert.All(TopicIds.All, topic => Assert.True(examples.Count(e => Intents.TopicOf(e.Intent) == topic) >= 150, topic));
        Assert.All(examples.GroupBy(e => e.Intent), intent => Assert.True(intent.Count() >= 30, intent.Key));
    }

    [Fact]
    public void An_example_under_two_topics_is_rejected()
    {
        // "Hello!" normalises to "hello", already a welcome example.
        var privacy = Path.Combine(_dialogs, "training", "privacy.yaml");
        File.WriteAllText(privacy, File.ReadAllText(privacy).Replace("examples:\n", "examples:\n  - \"Hello!\"\n", StringComparison.Ordinal));
        var error = Assert.Throws<ContentException>(() => IntentRouter.Load(_dialogs));
        Assert.Contains("training/privacy.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("welcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intent_example_that_is_also_a_topic_example_is_rejected()
    {
        var privacy = Path.Combine(_dialogs, "training", "privacy.yaml");
        File.WriteAllText(privacy, File.ReadAllText(privacy) + "  lost-intent:\n    - \"Hello!\"\n");
        var error = Assert.Throws<ContentException>(() => IntentRouter.Load(_dialogs));
        Assert.Contains("intents.lost-intent", error.Message, StringComparison.Ordinal);
        Assert.Contains("welcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_training_file_is_named()
    {
        File.Delete(Path.Combine(_dialogs, "training", "report.yaml"));
        var error = Assert.Throws<ContentException>(() => IntentRouter.Load(_dialogs));
        Assert.Contains("training/report.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_in_a_lexicon_is_named()
    {
        File.WriteAllText(Path.Combine(_dialogs, "safety", "crisis.yaml"), "topic: crisis\nphrases: [unclosed\n");
        var error = Assert.Throws<ContentException>(() => IntentRouter.Load(_dialogs));
        Assert.Contains("safety/crisis.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_item_copied_from_training_is_rejected()
    {
        File.AppendAllText(Path.Combine(_dialogs, "training", "test-set.yaml"), "- text: \"HELLO\"\n  topic: welcome\n");
        var training = UnderstandingContent.LoadTrainingExamples(_dialogs);
        var error = Assert.Throws<ContentException>(() => UnderstandingContent.LoadTestSet(_dialogs, training));
        Assert.Contains("training/test-set.yaml", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "emergency-still")]
    [InlineData("es", "crisis-still")]
    [InlineData("pl", "other-still")]
    [InlineData("de", "self")]
    [InlineData("nl", "self-still")]
    [InlineData("fr", "crisis-still@CA")] // a country's wording comes in pairs too
    public void A_language_pack_without_a_second_wording_is_rejected(string code, string key)
    {
        var path = Path.Combine(_dialogs, LanguagePacks.Folder, code + ".yaml");
        var lines = File.ReadAllLines(path).ToList();
        var start = lines.IndexOf($"  {key}: |");
        Assert.True(start >= 0, $"{key} not found in {code}.yaml");
        var end = start + 1;
        while (end < lines.Count && (lines[end].Length == 0 || lines[end].StartsWith("    ", StringComparison.Ordinal)))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<ContentException>(() => LanguagePacks.Load(_dialogs));
        Assert.Contains($"languages/{code}.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains($"replies.{key}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A country's wording under a misspelt kind, with its second wording, would load and never be sent (the read
    /// of session 50 found the loader checked the kind only of wordings with no country and no young person's suffix).</summary>
    [Fact]
    public void A_country_wording_under_an_unknown_kind_is_rejected()
    {
        var path = Path.Combine(_dialogs, LanguagePacks.Folder, "es.yaml");
        var text = File.ReadAllText(path);
        Assert.Contains("  crisis@US: |", text, StringComparison.Ordinal);
        Assert.Contains("  crisis-still@US: |", text, StringComparison.Ordinal);
        File.WriteAllText(path, text
            .Replace("  crisis@US: |", "  crsis@US: |", StringComparison.Ordinal)
            .Replace("  crisis-still@US: |", "  crsis-still@US: |", StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => LanguagePacks.Load(_dialogs));
        Assert.Contains("replies.crsis", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a reply kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_country_wording_for_a_country_with_no_pack_is_rejected()
    {
        var path = Path.Combine(_dialogs, LanguagePacks.Folder, "fr.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("@CA: |", "@CN: |", StringComparison.Ordinal));

        var shipped = DialogsDirectory.Locate();
        var error = Assert.Throws<ContentException>(() =>
            PreventionBot.Core.Conversation.ConversationCues.Load(shipped, ContentLoader.Load(shipped), LanguagePacks.Load(_dialogs)));
        Assert.Contains("languages/fr.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("replies.crisis@CN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_language_packs_load_with_all_their_replies()
    {
        var packs = LanguagePacks.Load(_dialogs);
        Assert.Equal(["de", "es", "fr", "it", "nl", "pl", "pt"], packs.Codes.Order(StringComparer.Ordinal));
        foreach (var code in packs.Codes)
        {
            foreach (var kind in LanguagePacks.ReplyKinds)
            {
                Assert.NotNull(packs.Reply(code, kind));
                Assert.NotNull(packs.Reply(code, kind + LanguagePacks.StillSuffix));
            }
        }
    }
}

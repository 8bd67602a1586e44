using PreventionBot.Core.Content;

namespace PreventionBot.Core.Tests.Content;

/// <summary>
/// The shipped dialogs/ must validate, and each kind of reviewer mistake must be caught with its file and key.
/// Each case copies dialogs/ to a temporary folder and breaks one thing.
/// </summary>
public sealed class ContentValidationTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "pb-dialogs-" + Guid.NewGuid().ToString("N"));

    public ContentValidationTests()
    {
        var source = DialogsDirectory.Locate();
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void The_shipped_content_is_valid()
    {
        // Warnings (a fact not re-checked for a year) are for reviewers and do not fail the build.
        Assert.Empty(ContentLoader.Validate(DialogsDirectory.Locate()).Where(p => !p.IsWarning).Select(p => p.ToString()));
    }

    [Fact]
    public void Every_jurisdiction_renders_every_topic_with_no_placeholder_left()
    {
        var content = ContentLoader.Load(DialogsDirectory.Locate());
        foreach (var jurisdiction in content.Jurisdictions)
        {
            foreach (var topic in TopicIds.All)
            {
                var reply = content.GetReply(jurisdiction, topic);
                Assert.DoesNotContain("{", reply.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("child porn", reply.Text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("topics/self-help.yaml", "goto: self-help/call-now", "goto: self-help/nowhere", "leads nowhere")]
    [InlineData("topics/crisis.yaml", "- id: stay-safe", "- id: main", "duplicate reply id")]
    [InlineData("topics/law.yaml", "replies:", "replys:", "line")]
    [InlineData("topics/welcome.yaml", "id: welcome", "id: hello", "must be 'welcome'")]
    [InlineData("jurisdictions/CA.yaml", "verified: 2026-11-21", "verified: yesterday", "is not a date")]
    [InlineData("jurisdictions/US.yaml", "crisis: ", "crisis-line: ", "roles")]
    public void A_reviewer_mistake_is_reported_with_its_file(string file, string find, string replace, string expected)
    {
        Edit(file, find, replace);

        var problems = ContentLoader.Validate(_copy);

        Assert.Contains(problems, p => p.File == file.Replace('/', Path.DirectorySeparatorChar) && p.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_fact_without_a_source_is_reported()
    {
        var file = Path.Combine(_copy, "jurisdictions", "GB.yaml");
        var lines = File.ReadAllLines(file).ToList();
        var at = lines.FindIndex(l => l.TrimStart().StartsWith("source:", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("source:", "sauce:", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        Assert.Contains(ContentLoader.Validate(_copy), p => p.Key.EndsWith(".source", StringComparison.Ordinal) && p.File.Contains("GB", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unverified_number_is_refused()
    {
        var file = Path.Combine(_copy, "jurisdictions", "AU.yaml");
        var text = File.ReadAllText(file);
        var at = text.IndexOf("    contact: ", StringComparison.Ordinal);
        File.WriteAllText(file, text.Insert(at, "    hours: UNVERIFIED\n"));

        Assert.Contains(ContentLoader.Validate(_copy), p => p.Message.Contains("UNVERIFIED", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reply_needing_a_service_one_country_lacks_is_reported_for_that_country()
    {
        Edit("topics/report.yaml", "{report.name}", "{report.fax}");

        var problems = ContentLoader.Validate(_copy);

        Assert.Contains(problems, p => p.File.Contains("report.yaml", StringComparison.Ordinal) && p.Message.Contains("{report.fax}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reply_no_button_leads_to_is_reported_as_unreachable()
    {
        var file = Path.Combine(_copy, "topics", "privacy.yaml");
        File.AppendAllText(file, "  - id: orphan\n    text: Nobody can reach me.\n");

        Assert.Contains(ContentLoader.Validate(_copy), p => p.Key == "replies[orphan]" && p.Message.Contains("unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_wording_needs_no_button_but_needs_the_reply_it_rewords()
    {
        var file = Path.Combine(_copy, "topics", "privacy.yaml");
        File.AppendAllText(file, "  - id: main-again\n    text: To say it again, briefly.\n  - id: nothing-again\n    text: Rewords nothing.\n");

        var problems = ContentLoader.Validate(_copy);

        Assert.DoesNotContain(problems, p => p.Key == "replies[main-again]");
        Assert.Contains(problems, p => p.Key == "replies[nothing-again]" && p.Message.Contains("'privacy/nothing'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_button_to_a_second_wording_is_refused()
    {
        Edit("topics/report.yaml", "goto: law/accidental", "goto: report/sender-children-again");

        Assert.Contains(ContentLoader.Validate(_copy), p => p.Message.Contains("is a second wording", StringComparison.Ordinal));
    }

    [Fact]
    public void The_term_child_pornography_is_refused_in_replies()
    {
        var file = Path.Combine(_copy, "topics", "out-of-scope.yaml");
        File.AppendAllText(file, "  - id: bad-term\n    text: Child pornography is a wrong term.\n");

        Assert.Contains(ContentLoader.Validate(_copy), p => p.Message.Contains("child sexual abuse material", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    private void Edit(string file, string find, string replace)
    {
        var path = Path.Combine(_copy, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + replace + text[(at + find.Length)..]);
    }
}

using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PreventionBot.Core.Content;

/// <summary>A YAML document and the path (relative to <c>dialogs/</c>) that problems name.</summary>
internal sealed record Loaded<T>(string File, T Document);

/// <summary>Everything read from <c>dialogs/</c> that parsed, before it is checked or rendered.</summary>
internal sealed record ContentSource(
    IReadOnlyList<Loaded<TopicDocument>> Topics,
    IReadOnlyList<Loaded<JurisdictionDocument>> Packs,
    IReadOnlyDictionary<string, SpellingTable> Spellings);

/// <summary>
/// The first of the loader's three jobs: read the YAML files. A file that does not parse, or whose
/// <c>id</c> does not match its name, is reported and left out, so checking and rendering can still run
/// on the rest and a reviewer sees every mistake in one run.
/// </summary>
internal static class ContentReader
{
    public const string SystemFile = "system.yaml";

    /// <summary>Pack <c>spelling</c> values and the table each one applies (<c>uk</c> applies none).</summary>
    public static readonly IReadOnlyDictionary<string, string?> SpellingFiles = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["uk"] = null,
        ["us"] = "en-US",
        ["ca"] = "en-CA",
    };

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static ContentSource Read(string root, List<ContentProblem> problems) => new(
        ReadTopics(root, problems),
        ReadPacks(root, problems),
        SpellingFiles.ToDictionary(p => p.Key, p => ReadSpelling(root, p.Value, problems), StringComparer.Ordinal));

    private static List<Loaded<TopicDocument>> ReadTopics(string root, List<ContentProblem> problems)
    {
        var topics = new List<Loaded<TopicDocument>>();
        var topicsDir = Path.Combine(root, "topics");
        var files = Directory.Exists(topicsDir)
            ? Directory.GetFiles(topicsDir, "*.yaml").Order(StringComparer.Ordinal).ToList()
            : [];
        var systemPath = Path.Combine(root, SystemFile);
        if (File.Exists(systemPath))
        {
            files.Add(systemPath);
        }
        else
        {
            problems.Add(new ContentProblem(SystemFile, "(file)", "missing: the error, clarify and country replies live here"));
        }

        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(root, path);
            if (Read<TopicDocument>(path, relative, problems) is not { } doc)
            {
                continue;
            }

            var expectedId = path == systemPath ? TopicIds.System : Path.GetFileNameWithoutExtension(path);
            if (doc.Id != expectedId)
            {
                problems.Add(new ContentProblem(relative, "id", $"is '{doc.Id}' but must be '{expectedId}' (the file name)"));
                continue;
            }

            if (doc.Replies is not { Count: > 0 })
            {
                problems.Add(new ContentProblem(relative, "replies", "a topic needs at least one reply"));
                continue;
            }

            topics.Add(new Loaded<TopicDocument>(relative, doc));
        }

        return topics;
    }

    private static List<Loaded<JurisdictionDocument>> ReadPacks(string root, List<ContentProblem> problems)
    {
        var packs = new List<Loaded<JurisdictionDocument>>();
        var dir = Path.Combine(root, "jurisdictions");
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.yaml") : [];
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path);
            if (Read<JurisdictionDocument>(path, relative, problems) is { } doc)
            {
                packs.Add(new Loaded<JurisdictionDocument>(relative, doc));
            }
        }

        return packs;
    }

    private static SpellingTable ReadSpelling(string root, string? locale, List<ContentProblem> problems)
    {
        if (locale is null)
        {
            return SpellingTable.Empty;
        }

        var path = Path.Combine(root, "spelling", locale + ".yaml");
        if (!File.Exists(path))
        {
            return SpellingTable.Empty;
        }

        var doc = Read<SpellingDocument>(path, Path.GetRelativePath(root, path), problems);
        return doc?.Pairs is { Count: > 0 } pairs ? new SpellingTable(pairs) : SpellingTable.Empty;
    }

    private static T? Read<T>(string path, string relative, List<ContentProblem> problems)
        where T : class
    {
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            var doc = Yaml.Deserialize<T>(reader);
            if (doc is null)
            {
                problems.Add(new ContentProblem(relative, "(file)", "is empty"));
            }

            return doc;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            problems.Add(new ContentProblem(relative, $"line {e.Start.Line}", message));
            return null;
        }
    }
}

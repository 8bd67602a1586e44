using PreventionBot.Core.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PreventionBot.Core.Understanding;

/// <summary>
/// Reads <c>dialogs/training/*.yaml</c>, <c>dialogs/training/test-set.yaml</c> and
/// <c>dialogs/safety/*.yaml</c>. Every mistake throws a <see cref="ContentException"/> naming the file,
/// so the host never starts with a half-loaded safety lexicon.
/// </summary>
internal static class UnderstandingContent
{
    public const string TrainingFolder = "training";
    public const string SafetyFolder = "safety";
    public const string TestSetFile = "test-set.yaml";

    /// <summary>The default gap allowed between a request and its target in a lexicon.</summary>
    private const int DefaultWindow = 4;
    private const int MaxWindow = 12;

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static List<TrainingExample> LoadTrainingExamples(string dialogsDirectory)
    {
        var folder = Path.Combine(dialogsDirectory, TrainingFolder);
        if (!Directory.Exists(folder))
        {
            throw Problem(TrainingFolder, "(folder)", "the training folder is missing");
        }

        foreach (var path in Directory.GetFiles(folder, "*.yaml"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name != Path.GetFileNameWithoutExtension(TestSetFile) && !TopicIds.All.Contains(name))
            {
                throw Problem(Relative(path), "(file)", $"'{name}' is not a topic id; training files are named <topic-id>.yaml");
            }
        }

        var examples = new List<TrainingExample>();
        var firstSeen = new Dictionary<string, TrainingExample>(StringComparer.Ordinal);
        foreach (var topic in TopicIds.All)
        {
            var file = $"{TrainingFolder}/{topic}.yaml";
            var path = Path.Combine(folder, topic + ".yaml");
            if (!File.Exists(path))
            {
                throw Problem(file, "(file)", $"every topic needs training examples; add {file}");
            }

            var document = Read<TrainingFileDocument>(path, file);
            if (document.Topic != topic)
            {
                throw Problem(file, "topic", $"must be '{topic}' (the file name), not '{document.Topic}'");
            }

            if (document.Examples is null || document.Examples.Count == 0)
            {
                throw Problem(file, "examples", "needs at least one example");
            }

            var groups = new List<(string Label, string Key, List<string> Texts)> { (topic, "examples", document.Examples) };
            foreach (var (replyId, texts) in document.Intents ?? [])
            {
                if (string.IsNullOrWhiteSpace(replyId) || replyId.Contains('/', StringComparison.Ordinal))
                {
                    throw Problem(file, $"intents.{replyId}", "an intent is named by a reply id of this topic, such as 'fear-of-arrest'");
                }

                if (texts is not { Count: > 0 })
                {
                    throw Problem(file, $"intents.{replyId}", "needs at least one example");
                }

                groups.Add(($"{topic}/{replyId}", $"intents.{replyId}", texts));
            }

            foreach (var (label, key, texts) in groups)
            {
                for (var i = 0; i < texts.Count; i++)
                {
                    var text = texts[i];
                    var normalised = TextNormaliser.Normalise(text);
                    if (normalised.Length == 0)
                    {
                        throw Problem(file, $"{key}[{i}]", "is empty after normalisation");
                    }

                    if (firstSeen.TryGetValue(normalised, out var earlier))
                    {
                        if (earlier.Intent != label)
                        {
                            // An utterance that means two intents teaches the model nothing but confusion.
                            throw Problem(file, $"{key}[{i}]",
                                $"'{text}' is also an example of '{earlier.Intent}' in {earlier.File} (after normalisation); an example belongs to one intent");
                        }

                        continue;
                    }

                    var example = new TrainingExample(text, normalised, label, file);
                    firstSeen[normalised] = example;
                    examples.Add(example);
                }
            }
        }

        return examples;
    }

    /// <summary>Every intent the examples teach: the topics in contract order, then reply intents in file order.</summary>
    public static List<string> Labels(IReadOnlyList<TrainingExample> examples)
    {
        var labels = new List<string>(TopicIds.All);
        foreach (var example in examples)
        {
            if (!labels.Contains(example.Intent))
            {
                labels.Add(example.Intent);
            }
        }

        return labels;
    }

    /// <summary>Reads the held-out set and checks it shares nothing with the training examples.</summary>
    public static List<TrainingExample> LoadTestSet(string dialogsDirectory, IReadOnlyList<TrainingExample> training)
    {
        var file = $"{TrainingFolder}/{TestSetFile}";
        var path = Path.Combine(dialogsDirectory, TrainingFolder, TestSetFile);
        if (!File.Exists(path))
        {
            throw Problem(file, "(file)", "the held-out test set is missing");
        }

        var trainingTexts = new Dictionary<string, TrainingExample>(StringComparer.Ordinal);
        foreach (var example in training)
        {
            trainingTexts[example.Normalised] = example;
        }

        var labels = Labels(training).ToHashSet(StringComparer.Ordinal);
        var items = Read<List<TestSetItemDocument>>(path, file);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<TrainingExample>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var key = $"[{i}]";
            if (item.Topic is null || !labels.Contains(item.Topic))
            {
                throw Problem(file, key + ".topic", $"'{item.Topic}' is not a topic id or a trained intent (topic/reply)");
            }

            var normalised = TextNormaliser.Normalise(item.Text);
            if (normalised.Length == 0)
            {
                throw Problem(file, key + ".text", "is empty after normalisation");
            }

            if (trainingTexts.TryGetValue(normalised, out var twin))
            {
                throw Problem(file, key + ".text", $"'{item.Text}' is also a training example in {twin.File}; held-out means unseen");
            }

            if (!seen.Add(normalised))
            {
                throw Problem(file, key + ".text", $"'{item.Text}' appears twice");
            }

            result.Add(new TrainingExample(item.Text!, normalised, item.Topic, file));
        }

        return result;
    }

    public static SafetyLexicons LoadSafetyLexicons(string dialogsDirectory) => new(
        LoadLexicon(dialogsDirectory, TopicIds.Emergency),
        LoadLexicon(dialogsDirectory, TopicIds.Crisis),
        LoadLexicon(dialogsDirectory, TopicIds.Deterrence));

    private static SafetyLexicon LoadLexicon(string dialogsDirectory, string topic)
    {
        var file = $"{SafetyFolder}/{topic}.yaml";
        var path = Path.Combine(dialogsDirectory, SafetyFolder, topic + ".yaml");
        if (!File.Exists(path))
        {
            throw Problem(file, "(file)", $"the {topic} safety lexicon is missing");
        }

        var document = Read<LexiconDocument>(path, file);
        if (document.Topic != topic)
        {
            throw Problem(file, "topic", $"must be '{topic}' (the file name), not '{document.Topic}'");
        }

        return BuildLexicon(topic, document, file, string.Empty);
    }

    /// <summary>Compiles one lexicon; <paramref name="keyPrefix"/> places its keys inside a larger file
    /// (a language pack holds three lexicons).</summary>
    internal static SafetyLexicon BuildLexicon(string topic, LexiconDocument document, string file, string keyPrefix)
    {
        var phrases = Phrases(document.Phrases, file, keyPrefix + "phrases");
        var rules = new List<RequestTargetRule>();
        for (var i = 0; i < (document.Rules?.Count ?? 0); i++)
        {
            var rule = document.Rules![i];
            var key = $"{keyPrefix}rules[{i}]";
            var window = rule.Window ?? DefaultWindow;
            if (window is < 0 or > MaxWindow)
            {
                throw Problem(file, key + ".window", $"must be between 0 and {MaxWindow}");
            }

            if (rule.Requests is not { Count: > 0 } || rule.Targets is not { Count: > 0 })
            {
                throw Problem(file, key, "a rule needs both requests and targets");
            }

            rules.Add(new RequestTargetRule(
                rule.Name ?? key,
                Phrases(rule.Requests, file, key + ".requests"),
                Phrases(rule.Targets, file, key + ".targets"),
                window,
                rule.Unless is null ? null : Phrases(rule.Unless, file, key + ".unless")));
        }

        if (phrases.IsEmpty && rules.Count == 0)
        {
            throw Problem(file, keyPrefix + "phrases", "a lexicon needs phrases or rules");
        }

        return new SafetyLexicon(topic, phrases, rules, Phrases(document.Unless, file, keyPrefix + "unless"))
        {
            Negated = Phrases(document.Negated, file, keyPrefix + "negated"),
            NegationHedges = Phrases(document.NegationHedges, file, keyPrefix + "negation_hedges"),
            Subjects = new PhraseSubjects(
                Phrases(document.AboutSelf, file, keyPrefix + "about_self"),
                Phrases(document.AboutOthers, file, keyPrefix + "about_others"),
                Phrases(document.ObjectMarkers, file, keyPrefix + "object_markers"),
                Phrases(document.Quoting, file, keyPrefix + "quoting"),
                Phrases(document.QuoteFillers, file, keyPrefix + "quote_fillers")),
        };
    }

    internal static PhraseSet Phrases(List<string>? phrases, string file, string key)
    {
        if (phrases is null)
        {
            return new PhraseSet([]);
        }

        for (var i = 0; i < phrases.Count; i++)
        {
            try
            {
                PhraseSet.Compile(phrases[i] ?? string.Empty);
            }
            catch (ArgumentException e)
            {
                throw Problem(file, $"{key}[{i}]", e.Message);
            }
        }

        return new PhraseSet(phrases);
    }

    /// <summary>
    /// Reads a file whose top level holds both the parts <typeparamref name="T"/> names and lists of phrases under keys the
    /// caller knows (cues.yaml): <typeparamref name="T"/>, and every other top-level key with its list. The caller checks
    /// each key, so a misspelt one is still a problem.
    /// </summary>
    internal static (T Document, IReadOnlyList<(string Key, List<string>? Phrases)> Lists) ReadWithPhraseLists<T>(string path, string file)
        where T : class
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException e)
        {
            throw Problem(file, $"line {e.Start.Line}", (e.InnerException ?? e).Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Problem(file, "(file)", "is empty or not a mapping");
        }

        // The parts T names are read strictly, so a misspelt key inside them (`only_iff`) is still a problem; every other
        // top-level key is a list of phrases.
        var shapeKeys = KeysOf<T>().ToHashSet(StringComparer.Ordinal);
        var shape = new YamlMappingNode();
        var lists = new List<(string, List<string>?)>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (shapeKeys.Contains(key))
            {
                shape.Add(keyNode, value);
                continue;
            }

            lists.Add((key, value switch
            {
                YamlScalarNode { Value: null or "" } => null,
                YamlSequenceNode items when items.Children.All(item => item is YamlScalarNode) =>
                    [.. items.Children.Select(item => ((YamlScalarNode)item).Value ?? string.Empty)],
                _ => throw Problem(file, key, "must be a list of phrases"),
            }));
        }

        using var shapeText = new StringWriter();
        new YamlStream(new YamlDocument(shape)).Save(shapeText, assignAnchors: false);
        try
        {
            return (Yaml.Deserialize<T>(shapeText.ToString()) ?? throw Problem(file, "(file)", "is empty"), lists);
        }
        catch (YamlException e)
        {
            throw Problem(file, "(structure)", (e.InnerException ?? e).Message);
        }
    }

    /// <summary>The top-level keys <typeparamref name="T"/> reads: its properties' names in snake case.</summary>
    internal static IEnumerable<string> KeysOf<T>() => typeof(T).GetProperties().Select(p => KeyOf(p.Name));

    /// <summary>A name as a key in a content file: "UrgeToLook" is "urge_to_look".</summary>
    internal static string KeyOf<TName>(TName name)
        where TName : notnull => UnderscoredNamingConvention.Instance.Apply(name.ToString()!);

    internal static T Read<T>(string path, string file)
        where T : class
    {
        try
        {
            return Yaml.Deserialize<T>(File.ReadAllText(path)) ?? throw Problem(file, "(file)", "is empty");
        }
        catch (YamlException e)
        {
            throw Problem(file, $"line {e.Start.Line}", (e.InnerException ?? e).Message);
        }
    }

    private static string Relative(string path) =>
        $"{TrainingFolder}/{Path.GetFileName(path)}";

    internal static ContentException Problem(string file, string key, string message) =>
        new([new ContentProblem(file, key, message)]);

    // YAML shapes: mutable because YamlDotNet fills them property by property.
    private sealed class TrainingFileDocument
    {
        public string? Topic { get; set; }

        public List<string>? Examples { get; set; }

        public Dictionary<string, List<string>>? Intents { get; set; }
    }

    private sealed class TestSetItemDocument
    {
        public string? Text { get; set; }

        public string? Topic { get; set; }
    }

    internal sealed class LexiconDocument
    {
        public string? Topic { get; set; }

        public List<string>? Phrases { get; set; }

        public List<RuleDocument>? Rules { get; set; }

        public List<string>? Unless { get; set; }

        public List<string>? Negated { get; set; }

        public List<string>? NegationHedges { get; set; }

        public List<string>? AboutSelf { get; set; }

        public List<string>? AboutOthers { get; set; }

        public List<string>? ObjectMarkers { get; set; }

        public List<string>? Quoting { get; set; }

        public List<string>? QuoteFillers { get; set; }
    }

    internal sealed class RuleDocument
    {
        public string? Name { get; set; }

        public List<string>? Requests { get; set; }

        public List<string>? Targets { get; set; }

        public int? Window { get; set; }

        public List<string>? Unless { get; set; }
    }
}

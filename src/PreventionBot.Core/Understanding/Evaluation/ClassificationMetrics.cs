using System.Globalization;
using System.Text;

namespace PreventionBot.Core.Understanding.Evaluation;

/// <summary>Precision, recall and F1 for one topic, as <c>rasa test nlu</c> reports them.</summary>
public sealed record TopicMetrics(string TopicId, double Precision, double Recall, double F1, int Support);

/// <summary>
/// Per-topic metrics, macro F1 and the confusion matrix of one evaluation. A prediction may be
/// <see cref="NoTopic"/> (the router was not confident enough): it counts against recall of the true
/// topic and against nobody's precision.
/// </summary>
public sealed class ClassificationMetrics
{
    public const string NoTopic = "(none)";

    private ClassificationMetrics(
        IReadOnlyList<TopicMetrics> topics, double macroF1, double accuracy, IReadOnlyList<string> labels, int[][] confusion)
    {
        Topics = topics;
        MacroF1 = macroF1;
        Accuracy = accuracy;
        Labels = labels;
        Confusion = confusion;
    }

    public IReadOnlyList<TopicMetrics> Topics { get; }

    /// <summary>The unweighted mean F1 over topics that have examples: every topic counts the same,
    /// however few examples it has, because the rare ones (emergency) matter most.</summary>
    public double MacroF1 { get; }

    public double Accuracy { get; }

    /// <summary>Row and column labels of <see cref="Confusion"/>: the topics, then <see cref="NoTopic"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary><c>Confusion[actual][predicted]</c>, indexed like <see cref="Labels"/>.</summary>
    public IReadOnlyList<int[]> Confusion { get; }

    public TopicMetrics For(string topicId) => Topics.First(t => t.TopicId == topicId);

    public int Count(string actual, string predicted)
    {
        var labels = Labels.ToList();
        return Confusion[labels.IndexOf(actual)][labels.IndexOf(predicted)];
    }

    public static ClassificationMetrics Compute(IReadOnlyList<string> topics, IReadOnlyList<(string Actual, string? Predicted)> results)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(results);
        var labels = topics.Append(NoTopic).ToList();
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var confusion = labels.Select(_ => new int[labels.Count]).ToArray();
        var correct = 0;
        foreach (var (actual, predicted) in results)
        {
            confusion[index[actual]][index[predicted ?? NoTopic]]++;
            correct += actual == predicted ? 1 : 0;
        }

        var perTopic = new List<TopicMetrics>();
        for (var t = 0; t < topics.Count; t++)
        {
            var truePositives = confusion[t][t];
            var support = confusion[t].Sum();
            var predictedCount = confusion.Sum(row => row[t]);
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perTopic.Add(new TopicMetrics(topics[t], precision, recall, f1, support));
        }

        var withSupport = perTopic.Where(t => t.Support > 0).ToList();
        var macroF1 = withSupport.Count == 0 ? 0 : withSupport.Average(t => t.F1);
        var accuracy = results.Count == 0 ? 0 : (double)correct / results.Count;
        return new ClassificationMetrics(perTopic, macroF1, accuracy, labels, confusion);
    }

    /// <summary>A fixed-width table for a terminal: per-topic metrics, then the confusion matrix.</summary>
    public string ToTable()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{"topic",-18} {"precision",9} {"recall",9} {"f1",9} {"support",8}");
        foreach (var t in Topics)
        {
            text.AppendLine(culture, $"{t.TopicId,-18} {t.Precision,9:0.000} {t.Recall,9:0.000} {t.F1,9:0.000} {t.Support,8}");
        }

        text.AppendLine(culture, $"{"macro avg",-18} {Topics.Average(t => t.Precision),9:0.000} {Topics.Average(t => t.Recall),9:0.000} {MacroF1,9:0.000} {Topics.Sum(t => t.Support),8}");
        text.AppendLine(culture, $"accuracy {Accuracy:0.000}");
        text.AppendLine();
        text.AppendLine("confusion matrix (rows: actual, columns: predicted)");
        var shortLabels = Labels.Select(Abbreviate).ToList();
        text.Append(' ', 18);
        foreach (var label in shortLabels)
        {
            text.Append(culture, $" {label,5}");
        }

        text.AppendLine();
        for (var row = 0; row < Labels.Count - 1; row++)
        {
            text.Append(culture, $"{Labels[row],-18}");
            foreach (var count in Confusion[row])
            {
                text.Append(culture, $" {(count == 0 ? "." : count.ToString(culture)),5}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Five-character column heads so thirteen topics fit in a terminal.</summary>
    internal static string Abbreviate(string label) => label switch
    {
        "parents-educators" => "par-e",
        "concern-other" => "conc",
        "young-person" => "young",
        "victim-support" => "victm",
        "out-of-scope" => "oos",
        "deterrence" => "deter",
        "emergency" => "emerg",
        "self-help" => "self",
        "welcome" => "welc",
        "privacy" => "priv",
        "report" => "rep",
        "crisis" => "crsis",
        NoTopic => "none",
        _ => label.Length <= 5 ? label : label[..5],
    };
}

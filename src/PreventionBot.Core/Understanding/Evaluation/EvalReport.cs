namespace PreventionBot.Core.Understanding.Evaluation;

/// <summary>The JSON written by <c>eval</c>, for CI artefacts and for comparing runs.</summary>
public sealed record EvalReport(
    int Folds,
    int TrainingExamples,
    int HeldOutExamples,
    double ConfidenceThreshold,
    double Temperature,
    double FittedTemperature,
    double ExpectedCalibrationError,
    double SuggestedThreshold,
    MetricsReport CrossValidation,
    MetricsReport HeldOut,
    IReadOnlyList<ThresholdPoint> Thresholds,
    IReadOnlyList<QualityGate> Gates,
    IReadOnlyList<Misroute> HeldOutErrors,
    IReadOnlyList<LexiconHit> LexiconHitsOnOtherTopics,
    bool Passed);

public sealed record MetricsReport(
    IReadOnlyList<TopicMetrics> Topics, double MacroF1, double Accuracy, IReadOnlyList<string> Labels, IReadOnlyList<int[]> Confusion)
{
    public static MetricsReport From(ClassificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new(metrics.Topics, metrics.MacroF1, metrics.Accuracy, metrics.Labels, metrics.Confusion);
    }
}

/// <summary>A training example that a safety lexicon claims for another topic: a sign that a phrase is
/// too broad or an <c>unless</c> entry is missing.</summary>
public sealed record LexiconHit(string Text, string Intent, string LexiconTopic);

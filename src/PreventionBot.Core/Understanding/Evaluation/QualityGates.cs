using System.Globalization;

namespace PreventionBot.Core.Understanding.Evaluation;

public sealed record QualityGate(string Name, bool Passed, string Detail);

/// <summary>
/// What the held-out set must show before a change to training data, lexicons or the model ships.
/// These are not tuning targets: a miss on crisis or emergency sends someone at risk to the wrong reply,
/// and a parent routed to deterrence is told off for protecting their child.
/// </summary>
public static class QualityGates
{
    public const double MinimumMacroF1 = 0.9;

    public static IReadOnlyList<QualityGate> Check(ClassificationMetrics heldOut)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var culture = CultureInfo.InvariantCulture;
        var crisis = heldOut.For(TopicIds.Crisis);
        var emergency = heldOut.For(TopicIds.Emergency);
        var parentsToDeterrence = heldOut.Count(TopicIds.ParentsEducators, TopicIds.Deterrence);
        return
        [
            new QualityGate(
                "crisis recall = 100%",
                crisis.Support > 0 && crisis.Recall >= 1.0,
                string.Create(culture, $"{crisis.Recall:P1} of {crisis.Support}")),
            new QualityGate(
                "emergency recall = 100%",
                emergency.Support > 0 && emergency.Recall >= 1.0,
                string.Create(culture, $"{emergency.Recall:P1} of {emergency.Support}")),
            new QualityGate(
                "no parents-educators routed to deterrence",
                heldOut.For(TopicIds.ParentsEducators).Support > 0 && parentsToDeterrence == 0,
                string.Create(culture, $"{parentsToDeterrence} routed to deterrence")),
            new QualityGate(
                string.Create(culture, $"macro F1 >= {MinimumMacroF1:0.00}"),
                heldOut.MacroF1 >= MinimumMacroF1,
                string.Create(culture, $"{heldOut.MacroF1:0.000}")),
        ];
    }
}

namespace PreventionBot.Core.Understanding.Evaluation;

/// <summary>How the router would behave at one confidence threshold, measured on out-of-fold predictions.</summary>
public sealed record ThresholdPoint(double Threshold, double Coverage, double AccuracyWhenAnswered);

/// <summary>
/// Fits the softmax temperature on out-of-fold logits (minimum negative log-likelihood) and tabulates
/// thresholds. Regularised logistic regression tends to be under-confident on small data; a temperature
/// below 1 sharpens it so that "0.8" means right about 80% of the time.
/// </summary>
internal static class Calibration
{
    public static double FitTemperature(IReadOnlyList<FoldPrediction> predictions)
    {
        var best = 1.0;
        var bestLoss = double.PositiveInfinity;
        for (var temperature = 0.1; temperature <= 4.0001; temperature += 0.05)
        {
            var loss = NegativeLogLikelihood(predictions, temperature);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = Math.Round(temperature, 2);
            }
        }

        return best;
    }

    public static double NegativeLogLikelihood(IReadOnlyList<FoldPrediction> predictions, double temperature)
    {
        var total = 0.0;
        double[] probabilities = [];
        foreach (var prediction in predictions)
        {
            probabilities = probabilities.Length == prediction.Logits.Length ? probabilities : new double[prediction.Logits.Length];
            prediction.Logits.CopyTo(probabilities, 0);
            IntentClassifier.Softmax(probabilities, 1.0 / temperature);
            var actual = prediction.ActualIndex;
            total -= Math.Log(Math.Max(probabilities[actual], 1e-12));
        }

        return total / predictions.Count;
    }

    /// <summary>Expected calibration error over ten confidence bins: the gap between how sure the model
    /// says it is and how often it is right.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<FoldPrediction> predictions, double temperature)
    {
        const int Bins = 10;
        var confidence = new double[Bins];
        var correct = new double[Bins];
        var counts = new int[Bins];
        double[] probabilities = new double[predictions.Count > 0 ? predictions[0].Logits.Length : 0];
        foreach (var prediction in predictions)
        {
            var (best, score) = Top(prediction, temperature, probabilities);
            var bin = Math.Min(Bins - 1, (int)(score * Bins));
            confidence[bin] += score;
            correct[bin] += best == prediction.ActualIndex ? 1 : 0;
            counts[bin]++;
        }

        var error = 0.0;
        for (var b = 0; b < Bins; b++)
        {
            if (counts[b] > 0)
            {
                error += Math.Abs(confidence[b] - correct[b]) / predictions.Count;
            }
        }

        return error;
    }

    public static List<ThresholdPoint> Thresholds(IReadOnlyList<FoldPrediction> predictions, double temperature)
    {
        var points = new List<ThresholdPoint>();
        double[] probabilities = new double[predictions.Count > 0 ? predictions[0].Logits.Length : 0];
        for (var threshold = 0.20; threshold <= 0.8001; threshold += 0.05)
        {
            var answered = 0;
            var right = 0;
            foreach (var prediction in predictions)
            {
                var (best, score) = Top(prediction, temperature, probabilities);
                if (score >= threshold)
                {
                    answered++;
                    right += best == prediction.ActualIndex ? 1 : 0;
                }
            }

            points.Add(new ThresholdPoint(
                Math.Round(threshold, 2),
                (double)answered / predictions.Count,
                answered == 0 ? 0 : (double)right / answered));
        }

        return points;
    }

    /// <summary>The threshold with the best expected value when a right topic gains 1, a wrong topic
    /// loses 1 (a person sent to the wrong reply has to start again, or gives up) and a clarifying
    /// question costs nothing: coverage × (2 × accuracy − 1).</summary>
    public static double SuggestThreshold(IReadOnlyList<ThresholdPoint> points)
    {
        var best = points[0];
        foreach (var point in points)
        {
            if (Value(point) > Value(best) + 1e-9)
            {
                best = point;
            }
        }

        return best.Threshold;
    }

    public static double Value(ThresholdPoint point) => point.Coverage * ((2 * point.AccuracyWhenAnswered) - 1);

    public static (int Index, double Score) Top(FoldPrediction prediction, double temperature, double[] buffer)
    {
        // Only the first Logits.Length entries are used, so one buffer serves any number of intents.
        var probabilities = buffer.AsSpan(0, prediction.Logits.Length);
        prediction.Logits.CopyTo(probabilities);
        IntentClassifier.Softmax(probabilities, 1.0 / temperature);
        var best = 0;
        for (var t = 1; t < probabilities.Length; t++)
        {
            if (probabilities[t] > probabilities[best])
            {
                best = t;
            }
        }

        return (best, probabilities[best]);
    }
}

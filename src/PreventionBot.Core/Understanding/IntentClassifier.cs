using System.Buffers;
using System.Numerics;

namespace PreventionBot.Core.Understanding;

/// <summary>
/// Multinomial logistic regression (softmax) over TF-IDF weighted word and character n-grams
/// (<see cref="IntentFeatures"/>), trained with plain SGD and L2 regularisation. Chosen over naive
/// Bayes because its probabilities are usable as confidences, which the clarifying question needs.
/// Training ~700 examples takes a fraction of a second, so the model is rebuilt at start-up from
/// <c>dialogs/training</c> and never stored.
/// </summary>
internal sealed class IntentClassifier
{
    private readonly string[] _topics;
    private readonly Dictionary<ulong, int> _vocabulary;
    private readonly float[] _idf;

    /// <summary>Feature-major: the weights of feature f are <c>[f * topics .. (f + 1) * topics)</c>, so
    /// one lookup touches one cache line.</summary>
    private readonly float[] _weights;

    private readonly float[] _bias;
    private readonly double _temperature;

    private IntentClassifier(
        string[] topics, Dictionary<ulong, int> vocabulary, float[] idf, float[] weights, float[] bias, double temperature)
    {
        _topics = topics;
        _vocabulary = vocabulary;
        _idf = idf;
        _weights = weights;
        _bias = bias;
        _temperature = temperature;
    }

    public IReadOnlyList<string> Topics => _topics;

    public int FeatureCount => _idf.Length;

    public static IntentClassifier Train(
        IReadOnlyList<TrainingExample> examples, IReadOnlyList<string> topics, IntentClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(options);
        var topicArray = topics.ToArray();
        var topicIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < topicArray.Length; i++)
        {
            topicIndex[topicArray[i]] = i;
        }

        var (vocabulary, idf) = BuildVocabulary(examples);
        var untrained = new IntentClassifier(
            topicArray, vocabulary, idf, new float[idf.Length * topicArray.Length], new float[topicArray.Length], 1.0);

        var vectors = new SparseVector[examples.Count];
        var labels = new int[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            vectors[i] = untrained.Vectorise(examples[i].Normalised);
            labels[i] = topicIndex.TryGetValue(examples[i].Intent, out var label)
                ? label
                : throw new ArgumentException($"Unknown topic '{examples[i].Intent}'.", nameof(examples));
        }

        var keys = new ulong[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            keys[i] = WordHash.Of(OrderKeyKind, examples[i].Normalised);
        }

        var (weights, bias) = Fit(vectors, labels, keys, idf.Length, topicArray.Length, options);
        return new IntentClassifier(topicArray, vocabulary, idf, weights, bias, options.Temperature);
    }

    /// <summary>Writes the calibrated probability of each topic (in <see cref="Topics"/> order).</summary>
    public void Predict(string normalised, Span<double> probabilities)
    {
        Logits(normalised, probabilities);
        Softmax(probabilities, 1.0 / _temperature);
    }

    /// <summary>Raw scores before temperature and softmax: what calibration is fitted on.</summary>
    public void Logits(string normalised, Span<double> logits)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        var topicCount = _topics.Length;
        if (logits.Length < topicCount)
        {
            throw new ArgumentException("The span is shorter than the number of topics.", nameof(logits));
        }

        for (var t = 0; t < topicCount; t++)
        {
            logits[t] = _bias[t];
        }

        var hashes = ArrayPool<ulong>.Shared.Rent(IntentFeatures.MaxCount(normalised.Length));
        var indices = ArrayPool<int>.Shared.Rent(2 * IntentFeatures.MaxCount(normalised.Length));
        try
        {
            var unique = CountFeatures(normalised, hashes, indices, out var norm);
            if (unique == 0 || norm == 0)
            {
                return;
            }

            // indices holds unique feature ids in its first half and their term frequencies after them.
            for (var k = 0; k < unique; k++)
            {
                var feature = indices[k];
                var value = Weigh(indices[unique + k], feature) / norm;
                var row = feature * topicCount;
                for (var t = 0; t < topicCount; t++)
                {
                    logits[t] += _weights[row + t] * value;
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(hashes);
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    internal static void Softmax(Span<double> scores, double inverseTemperature)
    {
        var max = double.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score * inverseTemperature);
        }

        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Exp((scores[i] * inverseTemperature) - max);
            sum += scores[i];
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] /= sum;
        }
    }

    /// <summary>Extracts features, keeps those in the vocabulary and counts them. On return the first
    /// <c>unique</c> entries of <paramref name="indices"/> are feature ids in ascending order and the
    /// next <c>unique</c> their term frequencies; <paramref name="norm"/> is the L2 norm of the
    /// weighted vector.</summary>
    private int CountFeatures(string normalised, ulong[] hashes, int[] indices, out double norm)
    {
        var hashCount = IntentFeatures.Extract(normalised, hashes);
        var known = 0;
        for (var i = 0; i < hashCount; i++)
        {
            if (_vocabulary.TryGetValue(hashes[i], out var feature))
            {
                indices[known++] = feature;
            }
        }

        var ids = indices.AsSpan(0, known);
        ids.Sort();

        // Compact to unique ids, keeping each id's count in the (no longer needed) hash buffer.
        var unique = 0;
        for (var i = 0; i < known; i++)
        {
            if (unique > 0 && indices[unique - 1] == ids[i])
            {
                hashes[unique - 1]++;
            }
            else
            {
                indices[unique] = ids[i];
                hashes[unique] = 1;
                unique++;
            }
        }

        norm = 0;
        for (var k = 0; k < unique; k++)
        {
            indices[unique + k] = (int)hashes[k];
            var value = Weigh(indices[unique + k], indices[k]);
            norm += value * value;
        }

        norm = Math.Sqrt(norm);
        return unique;
    }

    /// <summary>Sublinear term frequency times inverse document frequency: a word said three times is
    /// more telling than once, but not three times as telling.</summary>
    private double Weigh(int termFrequency, int feature) => (1 + Math.Log(termFrequency)) * _idf[feature];

    private SparseVector Vectorise(string normalised)
    {
        var hashes = new ulong[IntentFeatures.MaxCount(normalised.Length)];
        var indices = new int[2 * IntentFeatures.MaxCount(normalised.Length)];
        var unique = CountFeatures(normalised, hashes, indices, out var norm);
        var ids = new int[unique];
        var values = new float[unique];
        for (var k = 0; k < unique; k++)
        {
            ids[k] = indices[k];
            values[k] = norm == 0 ? 0 : (float)(Weigh(indices[unique + k], indices[k]) / norm);
        }

        return new SparseVector(ids, values);
    }

    private static (Dictionary<ulong, int> Vocabulary, float[] Idf) BuildVocabulary(IReadOnlyList<TrainingExample> examples)
    {
        var vocabulary = new Dictionary<ulong, int>();
        var documentFrequency = new List<int>();
        foreach (var example in examples)
        {
            var hashes = new ulong[IntentFeatures.MaxCount(example.Normalised.Length)];
            var count = IntentFeatures.Extract(example.Normalised, hashes);
            var distinct = hashes.AsSpan(0, count);
            distinct.Sort();
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && distinct[i] == distinct[i - 1])
                {
                    continue;
                }

                // Ids follow first appearance in file order, so the same files give the same model.
                if (!vocabulary.TryGetValue(distinct[i], out var feature))
                {
                    feature = vocabulary.Count;
                    vocabulary[distinct[i]] = feature;
                    documentFrequency.Add(0);
                }

                documentFrequency[feature]++;
            }
        }

        var idf = new float[documentFrequency.Count];
        var documents = examples.Count;
        for (var f = 0; f < idf.Length; f++)
        {
            idf[f] = (float)(Math.Log((1.0 + documents) / (1.0 + documentFrequency[f])) + 1.0);
        }

        return (vocabulary, idf);
    }

    /// <summary>Hash kind of an example's text, from which its place in each epoch's order is drawn.</summary>
    private const ulong OrderKeyKind = 0x6F72646572UL;

    /// <summary>SGD on the softmax cross-entropy with L2. The weights are kept as <c>scale × w</c> so the
    /// L2 shrinkage of every weight costs one multiplication per step instead of a pass over all of them.
    /// Each epoch visits the examples in an order drawn from each one's own text (its key) and the seed, never from its
    /// position in the files: a shuffle of positions reordered every step when one example was added, and moved readings
    /// of unrelated study messages (session 19: one example taken out changed 15 of 2,904 study turns; by key, 4).</summary>
    private static (float[] Weights, float[] Bias) Fit(
        SparseVector[] vectors, int[] labels, ulong[] keys, int featureCount, int topicCount, IntentClassifierOptions options)
    {
        var weights = new double[featureCount * topicCount];
        var bias = new double[topicCount];
        var scale = 1.0;
        var order = new int[vectors.Length];
        var epochKeys = new ulong[vectors.Length];
        var probabilities = new double[topicCount];
        var step = 0L;
        var averaged = Math.Clamp(options.AveragedEpochs, 0, options.Epochs);
        var weightSum = averaged > 0 ? new double[weights.Length] : [];
        var biasSum = averaged > 0 ? new double[topicCount] : [];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (averaged > 0 && epoch > options.Epochs - averaged)
            {
                Accumulate(weights, scale, bias, weightSum, biasSum);
            }

            var epochSeed = options.Seed + ((ulong)epoch * 0x9E3779B97F4A7C15UL);
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
                epochKeys[i] = SplitMix64.Mix(keys[i] ^ epochSeed);
            }

            Array.Sort(epochKeys, order);
            foreach (var n in order)
            {
                var vector = vectors[n];
                for (var t = 0; t < topicCount; t++)
                {
                    probabilities[t] = bias[t];
                }

                for (var k = 0; k < vector.Indices.Length; k++)
                {
                    AddScaled(weights.AsSpan(vector.Indices[k] * topicCount, topicCount), vector.Values[k] * scale, probabilities);
                }

                Softmax(probabilities, 1.0);
                var rate = options.LearningRate / (1 + (options.LearningRate * options.L2 * step++));
                scale *= 1 - (rate * options.L2);
                for (var t = 0; t < topicCount; t++)
                {
                    var gradient = probabilities[t] - (t == labels[n] ? 1.0 : 0.0);
                    bias[t] -= rate * gradient;
                    probabilities[t] = rate * gradient / scale;
                }

                for (var k = 0; k < vector.Indices.Length; k++)
                {
                    AddScaled(probabilities, -vector.Values[k], weights.AsSpan(vector.Indices[k] * topicCount, topicCount));
                }

                if (scale < 1e-9)
                {
                    Rescale(weights, ref scale);
                }
            }
        }

        if (averaged > 0)
        {
            // The mean of the weights at the end of the last epochs: plain SGD ends wherever its last few steps took
            // it, so adding one example (which reorders every epoch) moved readings of unrelated messages. The mean
            // depends far less on the order.
            Accumulate(weights, scale, bias, weightSum, biasSum);
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = weightSum[i] / averaged;
            }

            for (var t = 0; t < topicCount; t++)
            {
                bias[t] = biasSum[t] / averaged;
            }

            scale = 1.0;
        }

        Rescale(weights, ref scale);
        var finalWeights = new float[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            finalWeights[i] = (float)weights[i];
        }

        var finalBias = new float[topicCount];
        for (var t = 0; t < topicCount; t++)
        {
            finalBias[t] = (float)bias[t];
        }

        return (finalWeights, finalBias);
    }

    /// <summary><c>target[t] += source[t] × factor</c> for every topic, several topics at a time: training spends
    /// nearly all its time here, once per feature of every example in every epoch. Each element is computed exactly as
    /// the plain loop would, so the model does not depend on the machine's vector width.</summary>
    private static void AddScaled(ReadOnlySpan<double> source, double factor, Span<double> target)
    {
        var t = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<double>.Count)
        {
            var factors = new Vector<double>(factor);
            for (; t <= source.Length - Vector<double>.Count; t += Vector<double>.Count)
            {
                var sum = new Vector<double>(target[t..]) + (new Vector<double>(source[t..]) * factors);
                sum.CopyTo(target[t..]);
            }
        }

        for (; t < source.Length; t++)
        {
            target[t] += source[t] * factor;
        }
    }

    private static void Accumulate(double[] weights, double scale, double[] bias, double[] weightSum, double[] biasSum)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weightSum[i] += weights[i] * scale;
        }

        for (var t = 0; t < bias.Length; t++)
        {
            biasSum[t] += bias[t];
        }
    }

    private static void Rescale(double[] weights, ref double scale)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] *= scale;
        }

        scale = 1.0;
    }

    private sealed record SparseVector(int[] Indices, float[] Values);
}

/// <summary>A tiny seeded generator: <see cref="Random"/>'s sequence for a seed is not promised to stay
/// the same across .NET versions, and the model must be reproducible.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>SplitMix64's output function: spreads any 64-bit value over all 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)(Next() % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

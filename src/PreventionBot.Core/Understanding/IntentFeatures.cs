namespace PreventionBot.Core.Understanding;

/// <summary>
/// The features the classifier sees, as stable hashes: word unigrams and bigrams, and character
/// 3-, 4- and 5-grams of each word with its boundaries marked ("&lt;kids&gt;" gives "&lt;ki", "kid", …).
/// Character n-grams are what let "paedo", "pedo" and "peado" share most of their evidence.
/// </summary>
internal static class IntentFeatures
{
    private const ulong UnigramKind = 10;
    private const ulong BigramKind = 11;
    private const ulong CharacterKind = 12;
    private const int MinGram = 3;
    private const int MaxGram = 5;

    /// <summary>An upper bound on the number of features of a normalised text of this length.</summary>
    public static int MaxCount(int normalisedLength) => (normalisedLength * 10) + 16;

    /// <returns>How many feature hashes were written to <paramref name="output"/> (with repeats: the
    /// caller counts them as term frequencies).</returns>
    public static int Extract(ReadOnlySpan<char> normalised, Span<ulong> output)
    {
        var count = 0;
        var previousWord = 0UL;
        var start = 0;
        Span<char> padded = stackalloc char[66];
        while (start < normalised.Length)
        {
            var end = normalised[start..].IndexOf(' ');
            end = end < 0 ? normalised.Length : start + end;
            var word = normalised[start..end];
            start = end + 1;
            if (word.IsEmpty)
            {
                continue;
            }

            var wordHash = WordHash.Of(UnigramKind, word);
            output[count++] = wordHash;
            if (previousWord != 0)
            {
                output[count++] = WordHash.Mix(WordHash.Mix(WordHash.Start(BigramKind), previousWord), wordHash);
            }

            previousWord = wordHash;

            // Very long "words" are pasted links or keyboard mashing: their first 64 characters say enough.
            var kept = Math.Min(word.Length, padded.Length - 2);
            padded[0] = '<';
            word[..kept].CopyTo(padded[1..]);
            padded[kept + 1] = '>';
            var gramSource = padded[..(kept + 2)];
            for (var n = MinGram; n <= MaxGram; n++)
            {
                for (var i = 0; i + n <= gramSource.Length; i++)
                {
                    output[count++] = WordHash.Of(CharacterKind + (ulong)n, gramSource.Slice(i, n));
                }
            }
        }

        return count;
    }
}

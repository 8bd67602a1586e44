namespace PreventionBot.Core.Understanding;

/// <summary>
/// Stable 64-bit FNV-1a hashes of words and character n-grams. <see cref="string.GetHashCode()"/> is
/// randomised per process, and the classifier's vocabulary and the lexicons must agree across runs
/// (determinism) without allocating a string per word.
/// </summary>
internal static class WordHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Start(ulong kind) => Mix(OffsetBasis, kind);

    public static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash ^= (value >> (i * 8)) & 0xff;
            hash *= Prime;
        }

        return hash;
    }

    public static ulong Add(ulong hash, char c)
    {
        hash ^= (byte)c;
        hash *= Prime;
        hash ^= (byte)(c >> 8);
        return hash * Prime;
    }

    public static ulong Of(ulong kind, ReadOnlySpan<char> text)
    {
        var hash = Start(kind);
        foreach (var c in text)
        {
            hash = Add(hash, c);
        }

        return hash;
    }

    /// <summary>The hash of a word with doubled letters squeezed to one, so "kil", "kill" and "killl"
    /// (the normaliser keeps two of a repeated letter) all meet the lexicon's "kill".</summary>
    public static ulong Squeezed(ReadOnlySpan<char> word)
    {
        var hash = Start(kind: 1);
        var previous = '\0';
        foreach (var c in word)
        {
            if (c != previous)
            {
                hash = Add(hash, c);
            }

            previous = c;
        }

        // Never collide with the pattern markers in PhraseSet.
        return hash <= PhraseSet.MaxMarker ? hash + PhraseSet.MaxMarker + 1 : hash;
    }
}

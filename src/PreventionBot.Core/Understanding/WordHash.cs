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
    /// (the normaliser keeps two of a repeated letter) all meet the lexicon's "kill"; and with a plain
    /// English ending (-ing, -ed, -s) taken off, so "ended my life" and "killing myself" meet "end my life"
    /// and "kill myself". People in distress do not type the tense a lexicon author thought of.
    /// A doubled "o" stays in words of four letters or more: squeezed, "noose" was "nos" (Spanish, French and Portuguese
    /// "us", "our") and "nose", "soon" was "son" and "good" "god" (study 137: a Spanish mother's "nadie nos ha pedido
    /// dinero" was a suicide crisis). "tooo", "sooo" and "noooo", which the normaliser keeps as "too", "soo" and "noo",
    /// still meet "to", "so" and "no".</summary>
    public static ulong Squeezed(ReadOnlySpan<char> word)
    {
        Span<char> squeezed = stackalloc char[64];
        var length = 0;
        var previous = '\0';
        var keepsDoubleO = word.Length >= 4;
        foreach (var c in word)
        {
            if (c != previous || (c == 'o' && keepsDoubleO))
            {
                if (length == squeezed.Length)
                {
                    return Hash(word);
                }

                squeezed[length++] = c;
            }

            previous = c;
        }

        return Hash(Stem(squeezed[..length]));
    }

    /// <summary>A deliberately small stemmer: it only has to make both sides of a lexicon match agree,
    /// and it keeps at least three letters so short words ("is", "was", "bus") stay themselves.</summary>
    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word)
    {
        if (word.Length >= 6 && word.EndsWith("ing"))
        {
            word = word[..^3];
        }
        else if (word.Length >= 5 && word.EndsWith("ed"))
        {
            word = word[..^2];
        }
        else if (word.Length >= 4 && word[^1] == 's' && word[^2] != 's' && word[^2] != 'u' && word[^2] != 'i')
        {
            word = word[..^1];
        }

        // "drive" and "driving" (→ "driv") meet once a final e goes too.
        return word.Length >= 4 && word[^1] == 'e' ? word[..^1] : word;
    }

    private static ulong Hash(ReadOnlySpan<char> word)
    {
        var hash = Start(kind: 1);
        foreach (var c in word)
        {
            hash = Add(hash, c);
        }

        // Never collide with the pattern markers in PhraseSet.
        return hash <= PhraseSet.MaxMarker ? hash + PhraseSet.MaxMarker + 1 : hash;
    }
}

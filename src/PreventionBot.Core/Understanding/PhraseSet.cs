namespace PreventionBot.Core.Understanding;

/// <summary>
/// A set of phrases matched as whole-word sequences on normalised text. Phrases are normalised with
/// the same <see cref="TextNormaliser"/> as user text, so "self-harm", "don't" and "c.p" in a lexicon
/// mean what the user would type. Two markers are understood: <c>*</c> is any one word and
/// <c>&lt;minor-age&gt;</c> is an age under 18 in digits or words ("14", "fourteen").
/// </summary>
internal sealed class PhraseSet
{
    public const string AnyWordMarker = "*";
    public const string MinorAgeMarker = "<minor-age>";
    public const string AdultAgeMarker = "<adult-age>";

    internal const ulong AnyWord = 0;
    internal const ulong MinorAge = 1;
    internal const ulong AdultAge = 2;
    internal const ulong MaxMarker = 2;

    /// <summary>Phrases indexed by their first word, so matching costs one lookup per word.</summary>
    private readonly Dictionary<ulong, List<ulong[]>> _byFirstWord = [];

    /// <summary>Phrases that start with a marker and must be tried at every position.</summary>
    private readonly List<ulong[]> _startingWithMarker = [];

    /// <summary>No phrases: matches nothing.</summary>
    public static PhraseSet Empty { get; } = new([]);

    public PhraseSet(IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            Add(Compile(phrase));

            // Apostrophes are dropped, so "d'elle" is "delle"; many type a space in their place ("une fausse photo d elle nue",
            // "c est ma fille la victime", study 159, a father in Lyon: the French fallback, with a line for people worried
            // about their own thoughts). A phrase written with one also matches as written with a space.
            if (phrase.Any(TextNormaliser.IsApostrophe))
            {
                Add(Compile(new string([.. phrase.Select(c => TextNormaliser.IsApostrophe(c) ? ' ' : c)])));
            }

            // "k i l l m y s e l f" reaches us as one word, "killmyself", as do "selfharm" and "endmylife":
            // every phrase of plain words also matches as its words run together.
            if (!phrase.Contains(AnyWordMarker, StringComparison.Ordinal)
                && !phrase.Contains(MinorAgeMarker, StringComparison.Ordinal)
                && !phrase.Contains(AdultAgeMarker, StringComparison.Ordinal))
            {
                var joined = TextNormaliser.Normalise(phrase).Replace(" ", string.Empty, StringComparison.Ordinal);
                Add([WordHash.Squeezed(joined)]);
            }
        }
    }

    /// <summary>The number of words (markers included) of the longest phrase.</summary>
    public int LongestPhrase { get; private set; }

    private void Add(ulong[] pattern)
    {
        LongestPhrase = Math.Max(LongestPhrase, pattern.Length);
        if (pattern[0] <= MaxMarker)
        {
            _startingWithMarker.Add(pattern);
        }
        else if (_byFirstWord.TryGetValue(pattern[0], out var list))
        {
            list.Add(pattern);
        }
        else
        {
            _byFirstWord[pattern[0]] = [pattern];
        }
    }

    public bool IsEmpty => _byFirstWord.Count == 0 && _startingWithMarker.Count == 0;

    /// <summary>Turns one lexicon phrase into word hashes and markers.</summary>
    /// <exception cref="ArgumentException">The phrase normalises to nothing or is only markers.</exception>
    public static ulong[] Compile(string phrase)
    {
        var pattern = new List<ulong>();
        var hasWord = false;
        foreach (var part in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == AnyWordMarker)
            {
                pattern.Add(AnyWord);
                continue;
            }

            if (part == MinorAgeMarker)
            {
                pattern.Add(MinorAge);
                continue;
            }

            if (part == AdultAgeMarker)
            {
                pattern.Add(AdultAge);
                continue;
            }

            var normalised = TextNormaliser.Normalise(part);
            foreach (var word in normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                pattern.Add(WordHash.Squeezed(word));
                hasWord = true;
            }
        }

        return hasWord
            ? [.. pattern]
            : throw new ArgumentException($"The phrase '{phrase}' has no words after normalisation.", nameof(phrase));
    }

    public bool MatchesAnywhere(in WordSequence words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (LongestMatchAt(words, i) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <returns>The number of words of the longest phrase that matches at <paramref name="position"/>, or 0.</returns>
    public int LongestMatchAt(in WordSequence words, int position)
    {
        var longest = 0;
        if (_byFirstWord.TryGetValue(words.HashAt(position), out var candidates))
        {
            longest = Longest(candidates, words, position, longest);
        }

        return _startingWithMarker.Count > 0 ? Longest(_startingWithMarker, words, position, longest) : longest;
    }

    private static int Longest(List<ulong[]> candidates, in WordSequence words, int position, int longest)
    {
        foreach (var pattern in candidates)
        {
            if (pattern.Length > longest && MatchesAt(pattern, words, position))
            {
                longest = pattern.Length;
            }
        }

        return longest;
    }

    private static bool MatchesAt(ulong[] pattern, in WordSequence words, int position)
    {
        if (position + pattern.Length > words.Count)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var expected = pattern[i];
            var matched = expected switch
            {
                AnyWord => true,
                MinorAge => words.AgeAt(position + i) is >= 0 and < 18,
                AdultAge => words.AgeAt(position + i) is >= 18 and <= 120,
                _ => words.HashAt(position + i) == expected,
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }
}

using System.Buffers;

namespace PreventionBot.Core.Understanding;

/// <summary>The words of a normalised text as squeezed hashes plus the ages they spell, in pooled
/// arrays: what the safety lexicons match on. Dispose to return the arrays.</summary>
internal readonly struct WordSequence : IDisposable
{
    /// <summary>Ages written as words; digits are read directly.</summary>
    private static readonly Dictionary<ulong, int> AgeWords = BuildAgeWords();

    private static readonly ulong Of = WordHash.Squeezed("of");

    private readonly ulong[] _hashes;
    private readonly int[] _ages;

    private WordSequence(ulong[] hashes, int[] ages, int count)
    {
        _hashes = hashes;
        _ages = ages;
        Count = count;
    }

    public int Count { get; }

    public ulong HashAt(int index) => _hashes[index];

    /// <summary>The age the word at <paramref name="index"/> states (a number up to 120 or a number
    /// word), or -1.</summary>
    public int AgeAt(int index) => _ages[index];

    public static WordSequence FromNormalised(string normalised)
    {
        var capacity = (normalised.Length / 2) + 1;
        var hashes = ArrayPool<ulong>.Shared.Rent(capacity);
        var ages = ArrayPool<int>.Shared.Rent(capacity);
        var count = 0;
        var text = normalised.AsSpan();
        var start = 0;
        while (start < text.Length)
        {
            var end = text[start..].IndexOf(' ');
            end = end < 0 ? text.Length : start + end;
            var word = text[start..end];
            if (!word.IsEmpty)
            {
                var hash = WordHash.Squeezed(word);
                hashes[count] = hash;
                ages[count] = ReadAge(word, hash);

                // A number before "of" counts things, it is no age: "if i am one of those people id rather be dead" (study 80, a
                // man of 19 with intrusive thoughts, was taken for a child, and his crisis reply offered Childline).
                if (hash == Of && count > 0)
                {
                    ages[count - 1] = -1;
                }

                count++;
            }

            start = end + 1;
        }

        return new WordSequence(hashes, ages, count);
    }

    public void Dispose()
    {
        if (_hashes is not null)
        {
            ArrayPool<ulong>.Shared.Return(_hashes);
            ArrayPool<int>.Shared.Return(_ages);
        }
    }

    private static int ReadAge(ReadOnlySpan<char> word, ulong hash)
    {
        if (word.Length <= 3)
        {
            var value = 0;
            var allDigits = true;
            foreach (var c in word)
            {
                if (!char.IsAsciiDigit(c))
                {
                    allDigits = false;
                    break;
                }

                value = (value * 10) + (c - '0');
            }

            if (allDigits && value <= 120)
            {
                return value;
            }
        }

        return AgeWords.GetValueOrDefault(hash, -1);
    }

    private static Dictionary<ulong, int> BuildAgeWords()
    {
        string[] words =
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ];
        var map = new Dictionary<ulong, int>();
        for (var i = 0; i < words.Length; i++)
        {
            map[WordHash.Squeezed(words[i])] = i;
        }

        return map;
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;

namespace PreventionBot.Core.Understanding;

/// <summary>
/// Turns whatever a person typed into one canonical form that both the safety lexicons and the classifier
/// see: lower case ASCII-ish words separated by single spaces. People under stress type fast and people
/// trying to evade filters obfuscate ("c p", "k1ds", Cyrillic "сp", "ｃｐ"), so both must collapse to the
/// same words the lexicons and training examples were written with.
/// </summary>
/// <remarks>Runs on every turn: no regular expressions, pooled buffers, one allocation for the result
/// (plus one for Unicode decomposition when the text is not plain ASCII).</remarks>
public static class TextNormaliser
{
    /// <summary>Callers pass at most 5,000 characters; anything beyond is ignored so a pasted essay
    /// cannot make a turn expensive.</summary>
    public const int MaxInputLength = 5000;

    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var input = text.Length > MaxInputLength ? text[..MaxInputLength] : text;
        input = Decompose(input);

        // Leetspeak can turn one character into one character, splitting "14yo" adds one space per
        // token and "ß" becomes "ss": twice the length is always enough.
        var capacity = (input.Length * 2) + 4;
        var cleaned = ArrayPool<char>.Shared.Rent(capacity);
        var decoded = ArrayPool<char>.Shared.Rent(capacity);
        var joined = ArrayPool<char>.Shared.Rent(capacity);
        try
        {
            var cleanedLength = Clean(input, cleaned);
            var decodedLength = DecodeTokens(cleaned.AsSpan(0, cleanedLength), decoded);
            var joinedLength = JoinSpelledOutLetters(decoded.AsSpan(0, decodedLength), joined);
            return new string(joined, 0, joinedLength);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(cleaned);
            ArrayPool<char>.Shared.Return(decoded);
            ArrayPool<char>.Shared.Return(joined);
        }
    }

    /// <summary>Compatibility decomposition (NFKD) folds fullwidth, circled, mathematical and ligature
    /// forms onto plain letters and separates accents from their letters so <see cref="Clean"/> can drop
    /// them: NFKC followed by stripping diacritics, in one step.</summary>
    private static string Decompose(string input)
    {
        if (IsAscii(input))
        {
            return input;
        }

        try
        {
            return input.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            // A lone surrogate or a noncharacter (U+FFFE, U+FFFF) makes the string invalid Unicode; drop
            // such characters and try again.
            var builder = new StringBuilder(input.Length);
            for (var i = 0; i < input.Length; i++)
            {
                var c = input[i];
                if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
                {
                    builder.Append(c).Append(input[++i]);
                }
                else if (!char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))
                {
                    builder.Append(c);
                }
            }

            return builder.ToString().Normalize(NormalizationForm.FormKD);
        }
    }

    private static bool IsAscii(string input)
    {
        foreach (var c in input)
        {
            if (c > '\u007f')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-cases, maps look-alikes, drops marks, zero-width characters and apostrophes
    /// ("don't" → "dont"), turns other punctuation into spaces and collapses whitespace. Keeps the
    /// characters leetspeak uses so <see cref="DecodeTokens"/> can decide per word.</summary>
    private static int Clean(string input, Span<char> output)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var raw in input)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(raw);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || IsApostrophe(raw))
            {
                // Accents, zero-width joiners and soft hyphens sit inside words: removing them rejoins
                // "k\u200Bill" into "kill" rather than splitting it.
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            var folded = LookAlikes.Fold(c);
            if (folded != '\0')
            {
                c = folded;
            }

            if (c == 'ß')
            {
                AppendWithSpace(output, ref length, ref pendingSpace, 's');
                output[length++] = 's';
                continue;
            }

            if (char.IsLetterOrDigit(c) || Leetspeak.IsSymbol(c))
            {
                AppendWithSpace(output, ref length, ref pendingSpace, c);
            }
            else if (length > 0)
            {
                pendingSpace = true;
            }
        }

        return length;
    }

    private static void AppendWithSpace(Span<char> output, ref int length, ref bool pendingSpace, char c)
    {
        if (pendingSpace)
        {
            output[length++] = ' ';
            pendingSpace = false;
        }

        output[length++] = c;
    }

    internal static bool IsApostrophe(char c) =>
        c is '\'' or '\u2019' or '\u2018' or '\u02bc' or '`' or '\u00b4' or '\u2032';

    /// <summary>Decides per word whether digits and symbols are leetspeak ("k1ds", "p3d0", "$ex") or
    /// numbers that must survive ("13", "0808 1000 900", "14yo" → "14 yo", "under18" → "under 18"),
    /// then collapses runs of three or more identical letters to two ("pleeease" → "pleease").</summary>
    private static int DecodeTokens(ReadOnlySpan<char> input, Span<char> output)
    {
        var length = 0;
        var start = 0;
        while (start < input.Length)
        {
            var end = input[start..].IndexOf(' ');
            end = end < 0 ? input.Length : start + end;
            var token = input[start..end];
            var tokenStart = length;
            length = DecodeToken(token, output, length);
            if (length > tokenStart && end < input.Length)
            {
                output[length++] = ' ';
            }

            start = end + 1;
        }

        // A token made only of dropped symbols leaves a trailing space behind.
        while (length > 0 && output[length - 1] == ' ')
        {
            length--;
        }

        return length;
    }

    private static int DecodeToken(ReadOnlySpan<char> token, Span<char> output, int length)
    {
        var letters = 0;
        var digits = 0;
        var leadingDigits = 0;
        while (leadingDigits < token.Length && char.IsAsciiDigit(token[leadingDigits]))
        {
            leadingDigits++;
        }

        var trailingDigits = 0;
        while (trailingDigits < token.Length && char.IsAsciiDigit(token[token.Length - 1 - trailingDigits]))
        {
            trailingDigits++;
        }

        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        if (letters == 0)
        {
            // A pure number (an age, a phone number, an amount): keep the digits, drop "$" and friends.
            return AppendDigitsOnly(token, output, length);
        }

        if (leadingDigits > 0 && IsLettersOnly(token[leadingDigits..]))
        {
            // "14yo", "13yr", "5pm": a number with a unit, never leetspeak.
            length = AppendDigitsOnly(token[..leadingDigits], output, length);
            output[length++] = ' ';
            return AppendLetters(token[leadingDigits..], output, length, decodeLeet: false);
        }

        if (trailingDigits >= 2 && IsLettersOnly(token[..^trailingDigits]))
        {
            // "under18", "age13": a word glued to a number.
            length = AppendLetters(token[..^trailingDigits], output, length, decodeLeet: false);
            output[length++] = ' ';
            return AppendDigitsOnly(token[^trailingDigits..], output, length);
        }

        return AppendLetters(token, output, length, decodeLeet: digits > 0 || HasSymbol(token));
    }

    private static bool IsLettersOnly(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasSymbol(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (Leetspeak.IsSymbol(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int AppendDigitsOnly(ReadOnlySpan<char> token, Span<char> output, int length)
    {
        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                output[length++] = c;
            }
        }

        return length;
    }

    private static int AppendLetters(ReadOnlySpan<char> token, Span<char> output, int length, bool decodeLeet)
    {
        var tokenStart = length;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (decodeLeet)
            {
                var between = i > 0 && i < token.Length - 1 && char.IsLetterOrDigit(token[i - 1])
                    && char.IsLetterOrDigit(token[i + 1]);
                c = Leetspeak.Decode(c, between);
            }
            else if (Leetspeak.IsSymbol(c))
            {
                c = '\0';
            }

            if (c == '\0')
            {
                continue;
            }

            // Collapse "sooooo" to "soo": two keeps real doubles ("kill", "see") intact; the lexicon
            // matcher squeezes doubles as well, so "killl" and "kil" still meet "kill".
            if (length - tokenStart >= 2 && output[length - 1] == c && output[length - 2] == c && char.IsLetter(c))
            {
                continue;
            }

            output[length++] = c;
        }

        return length;
    }

    /// <summary>Joins runs of single letters that spell a word out: "c p" → "cp", "k i l l" → "kill",
    /// "k 1 d s" → "kids". "i a" (as in "am i a monster") is ordinary English and is left alone.</summary>
    private static int JoinSpelledOutLetters(ReadOnlySpan<char> input, Span<char> output)
    {
        var length = 0;
        var position = 0;
        while (position < input.Length)
        {
            var runEnd = position;
            var letters = 0;
            while (IsSingleCharacterToken(input, runEnd, out var c)
                && (char.IsLetter(c) || IsLeetDigitBetweenLetters(input, runEnd))
                && !(runEnd > position && input[runEnd - 2] == 'i' && c == 'a'))
            {
                letters += char.IsLetter(c) ? 1 : 0;
                runEnd += 2;
            }

            if (length > 0)
            {
                output[length++] = ' ';
            }

            if (letters >= 2)
            {
                for (var i = position; i < runEnd && i < input.Length; i += 2)
                {
                    output[length++] = Leetspeak.Decode(input[i], between: true);
                }

                position = runEnd;
                continue;
            }

            var end = input[position..].IndexOf(' ');
            end = end < 0 ? input.Length : position + end;
            input[position..end].CopyTo(output[length..]);
            length += end - position;
            position = end + 1;
        }

        return length;
    }

    private static bool IsSingleCharacterToken(ReadOnlySpan<char> input, int index, out char c)
    {
        c = '\0';
        if (index < 0 || index >= input.Length || (index > 0 && input[index - 1] != ' ')
            || (index + 1 < input.Length && input[index + 1] != ' '))
        {
            return false;
        }

        c = input[index];
        return true;
    }

    private static bool IsLeetDigitBetweenLetters(ReadOnlySpan<char> input, int index) =>
        Leetspeak.Decode(input[index], between: true) != input[index]
        && IsSingleCharacterToken(input, index - 2, out var before) && char.IsLetter(before)
        && IsSingleCharacterToken(input, index + 2, out var after) && char.IsLetter(after);

    /// <summary>The substitutions people use to dodge word filters.</summary>
    private static class Leetspeak
    {
        public static bool IsSymbol(char c) => c is '@' or '$' or '!' or '|';

        /// <param name="c">A lower-case character.</param>
        /// <param name="between">Whether it sits between two letters or digits: "!" and "|" stand for
        /// "i" only inside a word ("k!ds"), never as the exclamation mark at its end.</param>
        /// <returns>The letter it stands for, <c>'\0'</c> for a symbol to drop, or the character itself.</returns>
        public static char Decode(char c, bool between) => c switch
        {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            '@' => 'a',
            '$' => 's',
            '!' or '|' => between ? 'i' : '\0',
            _ => c,
        };
    }

    /// <summary>Cyrillic, Greek and IPA letters that look like Latin ones; NFKD does not fold these
    /// because they are different letters, not different forms of the same letter.</summary>
    private static class LookAlikes
    {
        private static readonly Dictionary<char, char> Map = new()
        {
            // Cyrillic
            ['а'] = 'a', ['в'] = 'b', ['г'] = 'r', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h',
            ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['н'] = 'h',
            ['о'] = 'o', ['п'] = 'n', ['р'] = 'p', ['ԛ'] = 'q', ['с'] = 'c', ['ѕ'] = 's', ['т'] = 't',
            ['у'] = 'y', ['ү'] = 'y', ['х'] = 'x', ['ԝ'] = 'w', ['ь'] = 'b', ['з'] = '3',
            // Greek
            ['α'] = 'a', ['β'] = 'b', ['γ'] = 'y', ['ε'] = 'e', ['ζ'] = 'z', ['η'] = 'n', ['ι'] = 'i',
            ['κ'] = 'k', ['μ'] = 'u', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u',
            ['χ'] = 'x', ['ω'] = 'w', ['ς'] = 's',
            // Latin letters NFKD keeps whole, and IPA look-alikes
            ['ı'] = 'i', ['ł'] = 'l', ['ø'] = 'o', ['đ'] = 'd', ['ħ'] = 'h', ['ŧ'] = 't', ['ɑ'] = 'a',
            ['ɡ'] = 'g', ['ɪ'] = 'i', ['ʏ'] = 'y', ['ɴ'] = 'n', ['ʀ'] = 'r', ['ᴄ'] = 'c', ['ᴋ'] = 'k',
            ['ᴏ'] = 'o', ['ᴘ'] = 'p', ['ꜱ'] = 's', ['ᴛ'] = 't', ['ᴜ'] = 'u', ['ᴅ'] = 'd', ['ᴇ'] = 'e',
        };

        private static readonly char[] Table = BuildTable();

        private static char[] BuildTable()
        {
            var table = new char[0x2000];
            foreach (var (from, to) in Map)
            {
                if (from < table.Length)
                {
                    table[from] = to;
                }
            }

            return table;
        }

        /// <returns>The Latin letter <paramref name="c"/> imitates, or <c>'\0'</c>.</returns>
        public static char Fold(char c)
        {
            if (c < 0x80)
            {
                return '\0';
            }

            return c < Table.Length ? Table[c] : Map.GetValueOrDefault(c);
        }
    }
}

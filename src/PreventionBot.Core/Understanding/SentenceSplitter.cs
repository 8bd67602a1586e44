namespace PreventionBot.Core.Understanding;

/// <summary>
/// Cuts a message into sentence-sized pieces so the safety lexicons see every part of it, however long,
/// and so an "unless" word in one sentence ("my son") cannot silence a plan stated in another.
/// </summary>
internal static class SentenceSplitter
{
    /// <summary>A run-on without punctuation is cut at this length (in characters), overlapping by
    /// <see cref="Overlap"/> so a phrase that straddles a cut is still seen whole.</summary>
    public const int MaxPiece = 600;
    private const int Overlap = 80;

    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ends = c is '.' or '!' or '?' or ';' or '\n' or '\r' or '。' or '！' or '？';
            if (ends || i - start + 1 >= MaxPiece)
            {
                Add(pieces, text, start, i + 1);
                start = ends ? i + 1 : Math.Max(start + 1, i + 1 - Overlap);
            }
        }

        Add(pieces, text, start, text.Length);
        return pieces;
    }

    private static void Add(List<string> pieces, string text, int from, int to)
    {
        var piece = text[from..to].Trim();
        if (piece.Length > 0 && piece.Any(char.IsLetterOrDigit))
        {
            pieces.Add(piece);
        }
    }
}

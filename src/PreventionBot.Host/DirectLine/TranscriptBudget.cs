namespace PreventionBot.Host.DirectLine;

/// <summary>
/// The memory budget of all Direct Line transcripts together, in bytes of stored JSON, as
/// <see cref="DirectLineOptions.MaxTranscriptChars"/> (the member names keep the old word "chars"). Each conversation's own cap bounds one transcript; this bounds
/// their sum, so thousands of long conversations cannot add up to gigabytes. While the sum is over budget, a
/// conversation that adds an activity drops its own oldest ones (keeping its newest <see cref="KeptWhenOver"/>),
/// so the busiest conversations give up old history first and a quiet one keeps its own.
/// </summary>
public sealed class TranscriptBudget(long maxChars)
{
    /// <summary>Activities a conversation always keeps, over budget or not: the last few turns, for a reconnect.</summary>
    public const int KeptWhenOver = 12;

    private long _chars;

    public long MaxChars { get; } = maxChars;

    public long Chars => Interlocked.Read(ref _chars);

    public bool IsOver => Chars > MaxChars;

    public void Add(long chars) => Interlocked.Add(ref _chars, chars);
}

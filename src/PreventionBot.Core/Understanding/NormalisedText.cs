namespace PreventionBot.Core.Understanding;

/// <summary>
/// A message after <see cref="TextNormaliser.Normalise"/>, made once per turn and handed to every reader of
/// the message (who is speaking, follow-ups, thanks, typed button titles) instead of each normalising the
/// same text again. A type of its own so a raw string cannot be passed where normalised text is expected.
/// </summary>
internal readonly record struct NormalisedText(string Value)
{
    public static NormalisedText Of(string? text) => new(TextNormaliser.Normalise(text));
}

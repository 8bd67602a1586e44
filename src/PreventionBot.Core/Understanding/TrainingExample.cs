namespace PreventionBot.Core.Understanding;

/// <summary>One utterance and the intent (topic id or reply reference) it belongs to, with where it came from for error messages.</summary>
internal sealed record TrainingExample(string Text, string Normalised, string Intent, string File);

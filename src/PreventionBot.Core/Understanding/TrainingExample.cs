namespace PreventionBot.Core.Understanding;

/// <summary>One utterance and the topic it belongs to, with where it came from for error messages.</summary>
internal sealed record TrainingExample(string Text, string Normalised, string TopicId, string File);

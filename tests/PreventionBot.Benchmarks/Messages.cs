namespace PreventionBot.Benchmarks;

/// <summary>
/// Message texts for the benchmarks: a spread of what people write (questions, worries, crisis, small talk,
/// long and short), each varied by an opening and an ending so that consecutive calls rarely see the same
/// string and no cache keyed by text could answer.
/// </summary>
internal static class Messages
{
    private static readonly string[] Bodies =
    [
        "hi",
        "is it against the law to make a fake nude of someone with an app",
        "my son's friend sent him a picture and I don't know what to do",
        "I keep having thoughts about kids that scare me and I want them to stop",
        "someone online says they will send my photos to my family unless I give them money",
        "where do I report a video of a child being abused",
        "a student in my class showed me a deepfake of another pupil",
        "I was abused when I was little and I still think about it every day",
        "can you recommend a good pizza place",
        "I don't want to be alive anymore",
        "what happens if I call the helpline, do they tell the police",
        "thank you that helped",
        "my partner has been arrested for images and I can't stop crying. What happens now? Will they tell the kids' school?",
        "c0uld s0me0ne help me plz",
    ];

    private static readonly string[] Openings = ["", "ok ", "um, ", "hey so ", "sorry but ", "quick q: ", "right, ", "hello, "];

    private static readonly string[] Endings = ["", "?", " please", " thanks", " asap", " tbh", " idk", "..."];

    /// <summary>Every combination, in an order that changes body, opening and ending from one call to the next.</summary>
    public static IReadOnlyList<string> Varied { get; } = Build();

    private static string[] Build()
    {
        var all = new string[Bodies.Length * Openings.Length * Endings.Length];
        for (var n = 0; n < all.Length; n++)
        {
            all[n] = Openings[n % Openings.Length] + Bodies[n % Bodies.Length] + Endings[(n / Bodies.Length) % Endings.Length];
        }

        return all;
    }
}

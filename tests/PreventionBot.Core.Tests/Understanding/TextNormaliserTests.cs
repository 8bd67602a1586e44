using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Understanding;

public sealed class TextNormaliserTests
{
    [Theory]
    [InlineData("k1ds", "kids")]
    [InlineData("p3d0", "pedo")]
    [InlineData("l0l1", "loli")]
    [InlineData("$ex", "sex")]
    [InlineData("h@ck", "hack")]
    [InlineData("k!ds", "kids")]
    [InlineData("wh3re can 1 g3t cp", "where can 1 get cp")]
    public void Decodes_leetspeak_inside_words(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData("13 year old", "13 year old")]
    [InlineData("call 0808 1000 900", "call 0808 1000 900")]
    [InlineData("14yo", "14 yo")]
    [InlineData("under18", "under 18")]
    [InlineData("I'm 15!", "im 15")]
    [InlineData("$50", "50")]
    public void Keeps_numbers_as_numbers(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData("\u0441\u0440", "cp")] // Cyrillic es + er
    [InlineData("\u043a\u0456ds", "kids")] // Cyrillic ka + Ukrainian i
    [InlineData("\u03bf\u03bd\u03b5rd\u03bfse", "overdose")] // Greek omicron, nu, epsilon
    [InlineData("\uff43\uff50", "cp")] // fullwidth
    [InlineData("\U0001d41c\U0001d429", "cp")] // mathematical bold
    public void Folds_look_alike_characters(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData("c p", "cp")]
    [InlineData("c.p", "cp")]
    [InlineData("c-p links", "cp links")]
    [InlineData("k i l l myself", "kill myself")]
    [InlineData("k 1 d s", "kids")]
    [InlineData("a i pics", "ai pics")]
    [InlineData("am i a monster", "am i a monster")]
    public void Joins_spelled_out_letters(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData("Héllo Zoë", "hello zoe")]
    [InlineData("naïve café", "naive cafe")]
    [InlineData("SUICIDE", "suicide")]
    [InlineData("k\u200bill my\u00adself", "kill myself")]
    [InlineData("don\u2019t", "dont")]
    [InlineData("self-harm", "self harm")]
    [InlineData("  lots\t of \n\n space  ", "lots of space")]
    [InlineData("pleeeeease", "pleease")]
    [InlineData("killlll", "kill")]
    public void Strips_marks_zero_width_and_punctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Fact]
    public void Handles_empty_and_null() => Assert.Equal(string.Empty, TextNormaliser.Normalise(null) + TextNormaliser.Normalise("?!"));

    [Fact]
    public void Ignores_text_beyond_the_cap()
    {
        var text = new string('a', TextNormaliser.MaxInputLength) + " tail";
        Assert.DoesNotContain("tail", TextNormaliser.Normalise(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Survives_a_lone_surrogate() => Assert.Equal("ab", TextNormaliser.Normalise("a\ud800b"));

    [Fact]
    public void A_noncharacter_is_dropped_rather_than_failing_the_turn()
    {
        Assert.Equal("i want to die", TextNormaliser.Normalise("i want to \uFFFEdie"));
        Assert.Equal("cafe", TextNormaliser.Normalise("caf\u00e9\uFFFE"));
    }
}

using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Understanding;

/// <summary>How a phrase of a lexicon or cue list meets what people type.</summary>
public sealed class PhraseSetTests
{
    /// <summary>Study 159: a father in Lyon wrote "une fausse photo d elle nue" and "c est ma fille la victime", with a space
    /// where the apostrophe goes, and the French phrases written with one ("d'elle") never met them.</summary>
    [Theory]
    [InlineData("il y a une fausse photo d elle nue")]
    [InlineData("il y a une fausse photo d'elle nue")]
    [InlineData("il y a une fausse photo d\u2019elle nue")]
    [InlineData("il y a une fausse photo delle nue")]
    public void A_phrase_written_with_an_apostrophe_also_matches_with_a_space_in_its_place(string typed)
    {
        var phrases = new PhraseSet(["fausse photo d'elle nue"]);
        using var words = WordSequence.FromNormalised(TextNormaliser.Normalise(typed));

        Assert.True(phrases.MatchesAnywhere(words));
    }

    [Fact]
    public void The_space_does_not_make_the_phrase_match_other_words()
    {
        var phrases = new PhraseSet(["fausse photo d'elle nue"]);
        using var words = WordSequence.FromNormalised(TextNormaliser.Normalise("une fausse photo de lui nu"));

        Assert.False(phrases.MatchesAnywhere(words));
    }
}

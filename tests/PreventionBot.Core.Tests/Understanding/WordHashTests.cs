using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Understanding;

/// <summary>What a lexicon word meets once squeezed and stemmed: both sides of a match go through the same hash, so two
/// words either always meet or never do.</summary>
public sealed class WordHashTests
{
    [Theory]
    [InlineData("kill", "kil")]
    [InlineData("kill", "killing")]
    [InlineData("too", "to")]
    [InlineData("soo", "so")]
    [InlineData("noose", "nooses")]
    [InlineData("hate", "hating")]
    public void Spellings_people_type_meet(string word, string typed) =>
        Assert.Equal(WordHash.Squeezed(word), WordHash.Squeezed(typed));

    /// <summary>Study 137: "noose", squeezed to "nose" and stemmed to "nos", met Spanish "nos" ("nadie nos ha pedido dinero"
    /// was a suicide crisis for eight turns) and "my nose is bleeding".</summary>
    [Theory]
    [InlineData("noose", "nos")]
    [InlineData("noose", "nose")]
    [InlineData("soon", "son")]
    [InlineData("good", "god")]
    public void A_doubled_o_keeps_longer_words_apart(string word, string other) =>
        Assert.NotEqual(WordHash.Squeezed(word), WordHash.Squeezed(other));
}

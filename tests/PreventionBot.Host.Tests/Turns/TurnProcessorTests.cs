using PreventionBot.Host.Tests.Support;
using PreventionBot.Host.Turns;

namespace PreventionBot.Host.Tests.Turns;

public sealed class TurnProcessorTests : IClassFixture<TurnProcessorTests.Host>
{
    // Built in code: xUnit would turn lone surrogates in attribute data into replacement characters before the test ran.
    private static readonly string LoneHigh = new((char)0xD800, 1);
    private static readonly string LoneLow = new((char)0xDC00, 1);

    private readonly HttpClient _client;

    public TurnProcessorTests(Host host) => _client = host.CreateClient();

    [Fact]
    public async Task Text_that_is_not_valid_Unicode_still_gets_a_real_answer()
    {
        // Found by the fuzz tests: U+FFFE made Unicode normalisation throw, and the user got the error reply.
        string[] texts =
        [
            "\uFFFE I keep having sexual thoughts about children",
            "I keep having sexual thoughts about children " + LoneHigh,
            LoneLow + "\uFFFF I keep having sexual thoughts about children",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            var replies = await BotApplication.ExchangeAsync(_client, BotApplication.Message(texts[i], "unicode-" + i));

            Assert.NotEqual("system/error", BotApplication.ReplyOf(replies[0]));
            Assert.Equal("self-help", BotApplication.TopicOf(replies[0]));
        }
    }

    [Fact]
    public void Invalid_code_points_become_the_replacement_character()
    {
        Assert.Equal("plain 😀", TurnProcessor.WellFormed("plain 😀"));
        Assert.Equal("a\uFFFDb", TurnProcessor.WellFormed("a" + LoneHigh + "b"));
        Assert.Equal("\uFFFD\uFFFD", TurnProcessor.WellFormed("\uFFFE\uFFFF"));
        Assert.Equal("😀\uFFFD", TurnProcessor.WellFormed("😀" + LoneLow));
        Assert.Equal("\uFFFD", TurnProcessor.WellFormed(LoneHigh));
        Assert.Null(TurnProcessor.WellFormed(null));
    }

    public sealed class Host : BotApplication;
}

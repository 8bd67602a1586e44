using System.Net;
using System.Text.Encodings.Web;
using PreventionBot.Core.Content;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.WebChat;

public sealed class ChatPageTests(ChatPageTests.Host host) : IClassFixture<ChatPageTests.Host>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/chat")]
    public async Task The_country_picker_lists_every_jurisdiction_pack(string path)
    {
        using var response = await host.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = ContentLoader.Load(DialogsDirectory.Locate());
        foreach (var jurisdiction in content.Jurisdictions)
        {
            Assert.Contains($"<option value=\"{jurisdiction.Code}\">{HtmlEncoder.Default.Encode(jurisdiction.Button)}</option>", html, StringComparison.Ordinal);
        }
    }

    public sealed class Host : BotApplication;
}

using PreventionBot.Protocol.Connector;

namespace PreventionBot.Protocol.Tests.Connector;

public sealed class ConnectorClientTests
{
    [Fact]
    public void Reply_path_url_encodes_conversation_and_activity_ids()
    {
        var uri = ConnectorClient.ReplyUri("http://localhost:5000/", "conv|1", "a/1");
        Assert.Equal("http://localhost:5000/v3/conversations/conv%7C1/activities/a%2F1", uri.AbsoluteUri);
    }

    [Fact]
    public void Reply_without_reply_to_id_posts_to_the_conversation()
    {
        var uri = ConnectorClient.ReplyUri("https://smba.example/emea", "c1", null);
        Assert.Equal("https://smba.example/emea/v3/conversations/c1/activities", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://smba.example/emea/?x=1")]
    [InlineData("https://smba.example/emea#frag")]
    [InlineData("https://user:pw@smba.example/emea")]
    [InlineData("ftp://smba.example/")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void A_service_url_with_a_query_fragment_or_user_is_refused(string serviceUrl)
    {
        Assert.False(ServiceUrl.TryParse(serviceUrl, out _));
        Assert.Throws<ArgumentException>(() => ConnectorClient.ReplyUri(serviceUrl, "c1", null));
    }

    [Fact]
    public void The_reply_url_keeps_scheme_host_port_and_path_only()
    {
        Assert.True(ServiceUrl.TryParse("HTTPS://Smba.Example:8443/teams/emea//", out var baseUri));
        var uri = ConnectorClient.ReplyUri(baseUri, "19:abc@thread.v2", "1/2");
        Assert.Equal("https://smba.example:8443/teams/emea/v3/conversations/19%3Aabc%40thread.v2/activities/1%2F2", uri.AbsoluteUri);
    }
}

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
}

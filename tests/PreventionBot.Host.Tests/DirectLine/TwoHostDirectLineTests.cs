using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PreventionBot.Host.DirectLine;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;
using PreventionBot.Testing;
using static PreventionBot.Host.Tests.DirectLine.DirectLineTestKit;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>
/// The website chat behind a load balancer with no session affinity: two hosts sharing one PostgreSQL database, each
/// request of one conversation going to either host. Transcripts, watermarks and streams must follow the conversation,
/// and go when it expires.
/// </summary>
public sealed class TwoHostDirectLineTests : IDisposable
{
    private readonly TestDatabase _database = TestPostgres.CreateDatabase();

    [Fact]
    public async Task A_conversation_started_on_one_host_is_posted_to_and_read_on_either_with_the_same_watermarks()
    {
        await using var hostA = Host();
        await using var hostB = Host();
        using var a = hostA.CreateClient();
        using var b = hostB.CreateClient();

        var conversation = await StartAsync(a);
        var joinId = await PostAsync(b, conversation, Join());
        Assert.Equal($"{conversation.ConversationId}|0000001", joinId);

        var first = await GetActivitiesAsync(a, conversation);
        Assert.Equal(joinId, first.Activities[0].Id);
        Assert.Contains(first.Activities, activity => Topic(activity) == "welcome" && activity.ReplyToId == joinId);
        Assert.Equal(first.Activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Watermark);

        var messageId = await PostAsync(a, conversation, UserMessage("#law", "law-1"));
        var next = await GetActivitiesAsync(b, conversation, first.Watermark!);
        Assert.Equal(messageId, next.Activities[0].Id);
        Assert.Equal("law-1", ClientActivityId(next.Activities[0]));
        var reply = Assert.Single(next.Activities, activity => activity.ReplyToId == messageId);
        Assert.Equal("law", Topic(reply));
        Assert.True(long.Parse(next.Watermark!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(first.Watermark!, System.Globalization.CultureInfo.InvariantCulture));

        // The same watermark gives the same page on both hosts, and the newest gives nothing new.
        var sameOnA = await GetActivitiesAsync(a, conversation, first.Watermark!);
        Assert.Equal(next.Activities.Select(activity => activity.Id), sameOnA.Activities.Select(activity => activity.Id));
        Assert.Equal(next.Watermark, sameOnA.Watermark);
        Assert.Empty((await GetActivitiesAsync(a, conversation, next.Watermark!)).Activities);

        // Timestamps strictly increase across hosts, so Web Chat shows the activities in the order they were appended.
        var all = (await GetActivitiesAsync(b, conversation)).Activities.Select(activity => activity.Timestamp!).ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());

        // A watermark neither host gave out is refused by both.
        using var ahead = await a.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities?watermark=99", conversation.Token));
        await AssertErrorAsync(ahead, HttpStatusCode.BadRequest);

        // What the user wrote is kept in the database (to be read back, until expiry), never logged on either host.
        const string Marker = "zq-two-host-marker-4471";
        await PostAsync(b, conversation, UserMessage("I keep thinking about this " + Marker, "marker"));
        Assert.Contains((await GetActivitiesAsync(a, conversation, next.Watermark!)).Activities, activity => activity.Text?.Contains(Marker, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(hostA.LogLines.Concat(hostB.LogLines), line => line.Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stream_on_one_host_receives_the_reply_to_a_message_posted_on_the_other()
    {
        await using var hostA = Host();
        await using var hostB = Host();
        using var a = hostA.CreateClient();
        var conversation = await StartAsync(a);
        var joinId = await PostAsync(a, conversation, Join());

        using var socket = await hostB.Server.CreateWebSocketClient().ConnectAsync(
            new Uri(hostB.Server.BaseAddress, new Uri(conversation.StreamUrl!).PathAndQuery), CancellationToken.None);
        var replay = await ReceiveUntilAsync(socket, activity => Topic(activity) == "welcome");
        Assert.Contains(replay, activity => activity.Id == joinId);

        var messageId = await PostAsync(a, conversation, UserMessage("#law", "ws-across"));
        var pushed = await ReceiveUntilAsync(socket, activity => activity.ReplyToId == messageId);
        Assert.Contains(pushed, activity => activity.Id == messageId && ClientActivityId(activity) == "ws-across");
        Assert.Equal("law", Topic(pushed[^1]));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task An_expired_transcript_is_gone_from_the_database()
    {
        var time = new ManualTimeProvider();
        await using var hostA = Host(time);
        await using var hostB = Host(time);
        using var a = hostA.CreateClient();
        using var b = hostB.CreateClient();

        // One conversation is read after it expired, the other is left to the purge.
        var read = await StartAsync(a);
        await PostAsync(a, read, UserMessage("#law", "expire-1"));
        var purged = await StartAsync(b);
        await PostAsync(b, purged, UserMessage("#law", "expire-2"));
        Assert.True(await RowsAsync(read.ConversationId!) > 0);
        Assert.True(await RowsAsync(purged.ConversationId!) > 0);

        time.Advance(TimeSpan.FromMinutes(31));
        using var response = await b.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{read.ConversationId}/activities", Secret));
        Assert.Equal("NotFound", await AssertErrorAsync(response, HttpStatusCode.NotFound));
        Assert.Equal(0, await RowsAsync(read.ConversationId!));

        Assert.True(await hostA.Services.GetRequiredService<ITranscriptStore>().PurgeExpiredAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await RowsAsync(purged.ConversationId!));
        using var afterPurge = await a.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{purged.ConversationId}/activities", Secret));
        Assert.Equal("NotFound", await AssertErrorAsync(afterPurge, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Turns_posted_to_both_hosts_at_once_are_each_answered_once_in_order()
    {
        await using var hostA = Host();
        await using var hostB = Host();
        var clients = new[] { hostA.CreateClient(), hostB.CreateClient() };
        var conversation = await StartAsync(clients[0]);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostAsync(clients[i % 2], conversation, UserMessage("#law", "both-" + i))));

        // Each turn holds the conversation from its echo to its last reply, so every echo is followed by its own reply.
        var activities = (await GetActivitiesAsync(clients[1], conversation)).Activities;
        var echoes = activities.Where(activity => activity.From?.Role == "user").ToList();
        Assert.Equal(6, echoes.Count);
        foreach (var echo in echoes)
        {
            var next = activities[activities.IndexOf(echo) + 1];
            Assert.Equal(echo.Id, next.ReplyToId);
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    public void Dispose() => _database.Dispose();

    private BotApplication Host(ManualTimeProvider? time = null) => CreateApp(time, new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Postgres"] = _database.ConnectionString,
    });

    /// <summary>Rows of the conversation in both Direct Line tables.</summary>
    private async Task<long> RowsAsync(string conversationId)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM directline_conversation WHERE id = $1) + (SELECT count(*) FROM directline_activity WHERE conversation_id = $1);",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every activity received until one matches (10 s at most).</summary>
    private static async Task<List<Activity>> ReceiveUntilAsync(WebSocket socket, Func<Activity, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<Activity>();
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!received.Any(wanted))
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage && message.Length > 0)
            {
                received.AddRange(JsonSerializer.Deserialize(message.ToArray(), DirectLineJson.Default.ActivitySet)!.Activities);
                message.SetLength(0);
            }
        }

        return received;
    }
}

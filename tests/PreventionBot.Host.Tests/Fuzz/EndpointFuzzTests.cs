using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using PreventionBot.Host.Tests.Authentication;
using PreventionBot.Host.Tests.DirectLine;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol.DirectLine;

namespace PreventionBot.Host.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing (FsCheck) of /api/messages and every Direct Line endpoint with random and mutated JSON, deep
/// nesting, huge strings, invalid UTF-8, control, right-to-left and zero-width characters, wrong types, and hostile
/// headers and tokens. The invariant: never a 5xx, never an error logged, and the host keeps serving other
/// conversations. Bounded for CI: a few hundred cases per endpoint (PREVENTIONBOT_FUZZ_CASES overrides the number).
/// </summary>
public sealed class EndpointFuzzTests : IClassFixture<EndpointFuzzTests.FuzzHost>
{
    private readonly FuzzHost _host;

    public EndpointFuzzTests(FuzzHost host) => _host = host;

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("PREVENTIONBOT_FUZZ_CASES"), out var n) && n > 0 ? n : 300;

    public static TheoryData<string> Endpoints() =>
    [
        "POST /api/messages",
        "POST /api/directline/token",
        "POST /v3/directline/tokens/generate",
        "POST /v3/directline/tokens/refresh",
        "POST /v3/directline/conversations",
        "GET /v3/directline/conversations/{id}",
        "GET /v3/directline/conversations/{id}/activities",
        "POST /v3/directline/conversations/{id}/activities",
        "POST /v3/directline/conversations/{id}/upload",
        "GET /v3/directline/conversations/{id}/stream",
    ];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Hostile_input_never_gets_a_5xx_and_the_host_keeps_serving(string endpoint)
    {
        var conversation = await DirectLineTestKit.StartAsync(_host.Client);
        var generator = RequestFor(endpoint, conversation);
        var failures = new List<string>();

        var property = Prop.ForAll(Arb.From(generator), async request =>
        {
            var status = await SendAsync(endpoint, conversation, request);
            if (status >= 500)
            {
                lock (failures)
                {
                    failures.Add($"{status}: {request}");
                }
            }

            return status < 500;
        });
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithName(endpoint), property));

        Assert.Empty(failures);
        var errors = _host.App.LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Length > 3000 ? e[..3000] : e)));
        await _host.AssertStillServingAsync();
    }

    [Fact]
    public async Task No_forged_token_is_ever_accepted_by_an_authenticated_bot()
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        var activity = bot.Message();
        var generator = Gen.Zip(FuzzInputs.HostileAuthorization, FuzzInputs.ContentType);
        var accepted = new List<string>();

        var property = Prop.ForAll(Arb.From(generator), async input =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(activity, PreventionBot.Protocol.ProtocolJson.Default.Activity))),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", input.Item2 ?? "application/json");
            if (input.Item1 is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", input.Item1);
            }

            using var response = await bot.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500)
            {
                lock (accepted)
                {
                    accepted.Add($"{status}: {input.Item1}");
                }
            }

            return status is >= 400 and < 500;
        });
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithName("forged tokens"), property));

        Assert.Empty(accepted);
        Assert.Equal(0, bot.Channel.Calls);
        Assert.DoesNotContain(bot.App.LogLines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    private static Gen<FuzzRequest> RequestFor(string endpoint, DirectLineConversation conversation)
    {
        var isActivityPost = endpoint is "POST /api/messages" or "POST /v3/directline/conversations/{id}/activities";
        var body = isActivityPost
            ? FuzzInputs.ActivityBody(endpoint.Contains("directline", StringComparison.Ordinal) ? DirectLineActivity : ConnectorActivity)
            : Gen.Frequency(
                (4, Gen.Constant<(string Description, byte[] Body)>(("empty", []))),
                (1, FuzzInputs.ActivityBody(DirectLineActivity)));
        var authorization = endpoint == "POST /api/messages" || endpoint == "POST /api/directline/token"
            ? FuzzInputs.HostileAuthorization
            : Gen.Frequency(
                (4, Gen.Constant<string?>("Bearer " + conversation.Token)),
                (1, Gen.Constant<string?>("Bearer " + DirectLineTestKit.Secret)),
                (4, FuzzInputs.HostileAuthorization));
        var pathSuffix = Gen.Frequency(
            (5, Gen.Constant(string.Empty)),
            (2, FuzzInputs.HostileString.Select(s => "?watermark=" + Uri.EscapeDataString(s.Length > 200 ? s[..200] : s))),
            (1, Gen.Elements("?watermark=-1", "?watermark=99999999999999999999", "?t=a.b%21", "?t=" + Uri.EscapeDataString(conversation.Token!), "?t=&watermark=", "?userId=%00")));
        var conversationId = Gen.Frequency(
            (6, Gen.Constant(conversation.ConversationId!)),
            // Without NUL: TestServer cannot even build such a path (Kestrel refuses it with 400 before the app sees it).
            (2, FuzzInputs.HostileString.Select(s => (s.Length > 300 ? s[..300] : s).Replace("\0", string.Empty, StringComparison.Ordinal))));

        return from b in body
               from contentType in FuzzInputs.ContentType
               from auth in authorization
               from forwarded in FuzzInputs.ForwardedFor
               from suffix in pathSuffix
               from id in conversationId
               select new FuzzRequest($"{b.Description}; conversation={Short(id)}", b.Body, contentType, auth, forwarded, "\n" + id + "\n" + suffix);
    }

    private async Task<int> SendAsync(string endpoint, DirectLineConversation conversation, FuzzRequest input)
    {
        var parts = input.PathSuffix.Split('\n');
        var conversationId = string.IsNullOrEmpty(parts[1]) ? conversation.ConversationId! : parts[1];
        var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
        var path = endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..].Replace("{id}", Uri.EscapeDataString(conversationId), StringComparison.Ordinal) + parts[2];
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(input.Body);
            if (input.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType);
            }
        }

        if (input.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", input.Authorization);
        }

        if (input.ForwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", input.ForwardedFor);
        }

        using var response = await _host.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static JsonObject ConnectorActivity() => new()
    {
        ["type"] = "message",
        ["id"] = "f1",
        ["text"] = "hello",
        ["locale"] = "en-GB",
        ["channelId"] = "test",
        ["serviceUrl"] = "http://127.0.0.1:9",
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = "user-1" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1" },
        ["conversation"] = new JsonObject { ["id"] = "fuzz-" + Random.Shared.Next(50) },
    };

    private static JsonObject DirectLineActivity() => new()
    {
        ["type"] = "message",
        ["text"] = "hello",
        ["locale"] = "en-GB",
        ["from"] = new JsonObject { ["id"] = "r_fuzz" },
        ["channelData"] = new JsonObject { ["clientActivityID"] = "c1" },
    };

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>One host for all endpoints (so a fault in one could disturb the others), with generous rate limits.</summary>
    public sealed class FuzzHost : IDisposable
    {
        public FuzzHost()
        {
            App = DirectLineTestKit.CreateApp(settings: new()
            {
                ["DirectLine:TokenRequestsPerClientPerMinute"] = "100000",
                ["DirectLine:TokenRequestsPerMinute"] = "100000",
                ["DirectLine:MaxConversations"] = "100000",
                ["Bot:ReplyRetries"] = "0",
            });
            Client = App.CreateClient();
        }

        public BotApplication App { get; }

        public HttpClient Client { get; }

        public async Task AssertStillServingAsync()
        {
            var replies = await BotApplication.ExchangeAsync(Client, BotApplication.ConversationStart("canary-" + Guid.NewGuid().ToString("N")));
            Assert.Contains(replies, r => BotApplication.TopicOf(r) == "welcome");

            var conversation = await DirectLineTestKit.StartAsync(Client);
            await DirectLineTestKit.PostAsync(Client, conversation, DirectLineTestKit.Join());
            var set = await DirectLineTestKit.GetActivitiesAsync(Client, conversation);
            Assert.Contains(set.Activities, a => DirectLineTestKit.Topic(a) == "welcome");
        }

        public void Dispose()
        {
            Client.Dispose();
            App.Dispose();
        }
    }
}

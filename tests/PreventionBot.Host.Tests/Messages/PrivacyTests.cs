using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PreventionBot.Host.Tests.Authentication;
using PreventionBot.Host.Tests.DirectLine;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol;

namespace PreventionBot.Host.Tests.Messages;

/// <summary>
/// A message carrying a unique marker, sent from a made-up client address, must leave no trace of either in
/// any log output (captured at every level, plus a JSON log file) or in the SQLite file.
/// </summary>
public sealed class PrivacyTests : IDisposable
{
    private const string ClientAddress = "203.0.113.77";
    private const string Proxy = "10.0.0.1";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pb-privacy-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Neither_message_text_nor_client_address_reaches_logs_or_storage()
    {
        var marker = "ZQX" + Guid.NewGuid().ToString("N");
        var logFile = Path.Combine(_folder, "log.json");
        var database = Path.Combine(_folder, "state.db");
        using (var app = new BotApplication(
            new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "sqlite",
                ["Storage:SqlitePath"] = database,
                ["Serilog:MinimumLevel"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Verbose",
                ["Serilog:MinimumLevel:Override:System.Net.Http"] = "Verbose",
                ["Serilog:WriteTo:0:Name"] = "File",
                ["Serilog:WriteTo:0:Args:path"] = logFile,
                ["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Json.JsonFormatter, Serilog",
            },
            services => services.AddSingleton<IStartupFilter, FakeClientAddress>()))
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);

            // The ordinary path, a crisis path, a postBack, bad input and an async reply: all with the marker.
            await BotApplication.ExchangeAsync(client, BotApplication.ConversationStart(marker));
            await BotApplication.ExchangeAsync(client, BotApplication.Message($"hello {marker}", marker));
            await BotApplication.ExchangeAsync(client, BotApplication.Message($"I want to end my life {marker}", marker));
            await BotApplication.ExchangeAsync(client, BotApplication.Message($"{marker} " + new string('z', 6000), marker));
            await BotApplication.ExchangeAsync(client, BotApplication.Message("#country/" + marker, marker));
            using (await client.PostAsync($"/api/messages?q={marker}", new StringContent("{\"text\":\"" + marker, Encoding.UTF8, "application/json")))
            {
            }

            using (await client.PostAsync("/api/messages", new StringContent(marker, Encoding.UTF8, "text/plain")))
            {
            }

            var async = BotApplication.Message($"async {marker}", marker);
            async.DeliveryMode = null;
            async.ServiceUrl = "http://127.0.0.1:9";
            using (await client.PostAsJsonAsync($"/api/messages?marker={marker}", async, ProtocolJson.Default.Activity))
            {
            }

            await Task.Delay(500);
            Assert.NotEmpty(app.LogLines);
            Assert.DoesNotContain(app.LogLines, line => line.Contains(marker, StringComparison.Ordinal));
            Assert.DoesNotContain(app.LogLines, line => line.Contains(ClientAddress, StringComparison.Ordinal));
        }

        Assert.True(File.Exists(logFile), "the JSON log file sink was configured and should exist");
        Assert.True(File.Exists(database), "the SQLite store should exist");
        foreach (var file in Directory.GetFiles(_folder))
        {
            var bytes = File.ReadAllBytes(file);
            var text = Encoding.UTF8.GetString(bytes) + Encoding.Unicode.GetString(bytes);
            Assert.False(text.Contains(marker, StringComparison.Ordinal), $"{Path.GetFileName(file)} contains the message marker");
            Assert.False(text.Contains(ClientAddress, StringComparison.Ordinal), $"{Path.GetFileName(file)} contains the client address");
        }
    }

    [Fact]
    public async Task Direct_Line_forwarded_addresses_failed_replies_and_refused_tokens_leave_no_trace_in_logs()
    {
        var marker = "QZX" + Guid.NewGuid().ToString("N");
        var logFile = Path.Combine(_folder, "channels.json");
        using (var app = new BotApplication(
            new Dictionary<string, string?>
            {
                ["DirectLine:Secret"] = DirectLineTestKit.Secret,
                ["ForwardedHeaders:KnownProxies:0"] = Proxy,
                ["Bot:ReplyRetryDelayMilliseconds"] = "10",
                ["Serilog:MinimumLevel"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
                ["Serilog:MinimumLevel:Override:System.Net.Http"] = "Verbose",
                ["Serilog:WriteTo:0:Name"] = "File",
                ["Serilog:WriteTo:0:Args:path"] = logFile,
                ["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Json.JsonFormatter, Serilog",
            },
            services => services.AddSingleton<IStartupFilter, FakePeer>()))
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Add(FakePeer.Header, Proxy);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);

            // Direct Line: a message, a bad watermark in the query, malformed tokens in the header and the stream URL.
            var conversation = await DirectLineTestKit.StartAsync(client);
            await DirectLineTestKit.PostAsync(client, conversation, DirectLineTestKit.UserMessage($"I am worried {marker}", marker));
            using (await client.SendAsync(DirectLineTestKit.Request(HttpMethod.Get, $"{DirectLineTestKit.Prefix}/conversations/{conversation.ConversationId}/activities?watermark={marker}", conversation.Token)))
            {
            }

            using (await client.SendAsync(DirectLineTestKit.Request(HttpMethod.Get, $"{DirectLineTestKit.Prefix}/conversations/{conversation.ConversationId}/activities", marker + ".b!")))
            {
            }

            using (await client.GetAsync($"{DirectLineTestKit.Prefix}/conversations/{conversation.ConversationId}/stream?t={marker}.x%21"))
            {
            }

            // A reply to a channel that is not there, at a serviceUrl carrying the marker: retried, failed, logged without the URL.
            var async = BotApplication.Message($"hello {marker}", marker);
            async.DeliveryMode = null;
            async.ServiceUrl = $"http://127.0.0.1:9/{marker}";
            using (await client.PostAsJsonAsync($"/api/messages?{marker}=1", async, ProtocolJson.Default.Activity))
            {
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!app.LogLines.Any(l => l.Contains("Sending a reply to the channel failed", StringComparison.Ordinal)))
            {
                await Task.Delay(20, timeout.Token);
            }

            AssertNoTrace(app.LogLines, marker, conversation.ConversationId!);
        }

        await using (var bot = await AuthenticatedBot.StartAsync())
        {
            // Refused tokens: the token and the activity carry the marker; the log says only why.
            var activity = bot.Message($"hello {marker}", conversationId: marker);
            using (await bot.PostAsync(activity, $"{marker}.{marker}.{marker}"))
            {
            }

            using (await bot.PostAsync(activity, bot.Issuer.ChannelToken($"https://{marker}.example/")))
            {
            }

            Assert.Contains(bot.App.LogLines, l => l.Contains("was refused", StringComparison.Ordinal));
            AssertNoTrace(bot.App.LogLines, marker, marker);
        }

        var fileText = File.ReadAllText(logFile);
        Assert.DoesNotContain(marker, fileText, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientAddress, fileText, StringComparison.Ordinal);
    }

    private static void AssertNoTrace(IEnumerable<string> lines, string marker, string conversationId)
    {
        var all = lines.ToList();
        Assert.NotEmpty(all);
        Assert.DoesNotContain(all, line => line.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(all, line => line.Contains(conversationId, StringComparison.Ordinal));
        Assert.DoesNotContain(all, line => line.Contains(ClientAddress, StringComparison.Ordinal));
        Assert.DoesNotContain(all, line => line.Contains("127.0.0.1:9", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Gives every request the made-up client address, as a real connection would.</summary>
    private sealed class FakeClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ClientAddress);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

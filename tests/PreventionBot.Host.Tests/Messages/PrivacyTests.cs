using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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

using System.Diagnostics;
using System.Net;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Testing;

namespace PreventionBot.Host.Tests.Hosting;

/// <summary>
/// <c>/readyz</c> follows the conversation store: ready while it answers, 503 while it does not, ready again when it is
/// back; <c>/healthz</c> stays 200 throughout, and the outage costs one Warning line without a stack trace.
/// </summary>
public sealed class ReadinessTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_host_whose_store_answers_is_ready(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("pb-ready-");
        try
        {
            using (var host = new BotApplication(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = provider,
                ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "state.db"),
            }))
            {
                using var response = await host.CreateClient().GetAsync("/readyz");

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("ready", await response.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_host_on_PostgreSQL_is_not_ready_while_the_server_is_down_and_ready_again_once_it_is_back()
    {
        using var server = new DedicatedPostgres();
        using var host = new BotApplication(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = server.ConnectionString,
        });
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/readyz"));

        server.Halt();
        await EventuallyAsync(client, HttpStatusCode.ServiceUnavailable);
        using (var notReady = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("conversation store", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/healthz"));

        server.Resume();
        await EventuallyAsync(client, HttpStatusCode.OK);

        var warnings = host.LogLines.Where(l => l.Contains("Not ready", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.StartsWith("Warning ", warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain(host.LogLines, l => l.Contains("Readiness", StringComparison.Ordinal) && l.Contains("   at ", StringComparison.Ordinal));
        Assert.Contains(host.LogLines, l => l.Contains("Ready again", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>Polls /readyz until it answers <paramref name="expected"/> (a pooled connection may fail once first).</summary>
    private static async Task EventuallyAsync(HttpClient client, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            last = await StatusAsync(client, "/readyz");
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(15));

        Assert.Fail($"/readyz answered {last}, not {expected}, for 15 s");
    }
}

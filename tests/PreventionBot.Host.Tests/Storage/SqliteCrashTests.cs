using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Host.Tests.Browser;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol;

namespace PreventionBot.Host.Tests.Storage;

/// <summary>
/// The embedded store acknowledges a save only after its group commit: so when the real host process is killed with
/// SIGKILL in the middle of a load, every turn a client got a reply to is in the file when the host comes back.
/// </summary>
public sealed class SqliteCrashTests : IDisposable
{
    private const int Workers = 16;
    private const int ConversationsPerWorker = 4;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pb-crash-" + Guid.NewGuid().ToString("N"));

    public SqliteCrashTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Every_acknowledged_turn_survives_kill_9_under_load()
    {
        var database = Path.Combine(_folder, "state.db");
        var acknowledged = new ConcurrentDictionary<string, int>();

        using (var host = await StartHostAsync(database))
        {
            using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
            using var loadFor = new CancellationTokenSource();
            var load = Enumerable.Range(0, Workers).Select(w => Task.Run(() => SendTurnsAsync(client, w, acknowledged, loadFor.Token))).ToArray();

            // Kill only once turns are flowing, so the kill lands in the middle of commits.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (acknowledged.Values.Sum() < 300 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            host.Process.Kill();
            await host.Process.WaitForExitAsync();
            await loadFor.CancelAsync();
            await Task.WhenAll(load);
        }

        Assert.True(acknowledged.Values.Sum() >= 300, $"only {acknowledged.Values.Sum()} turns were acknowledged before the kill");

        using (var restarted = await StartHostAsync(database))
        {
            // The restarted host opens the file (recovering its WAL) and answers.
            using var client = new HttpClient { BaseAddress = restarted.Address };
            var replies = await BotApplication.ExchangeAsync(client, BotApplication.Message("#crisis", "after-restart"));
            Assert.Equal("crisis", BotApplication.TopicOf(replies[0]));
            restarted.Process.Kill();
            await restarted.Process.WaitForExitAsync();
        }

        using var store = new SqliteConversationStore(database, cacheCapacity: 0);
        foreach (var (conversation, count) in acknowledged)
        {
            var state = await store.LoadAsync(ConversationKeys.Create("test", conversation), default);
            Assert.True(state is not null, $"{conversation}: {count} acknowledged turns, nothing stored");
            // At most one more: a turn committed whose reply the kill cut off.
            Assert.InRange(state!.TurnCount, count, count + 1);
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

    /// <summary>One client: its own conversations in turn, one turn at a time each, counting the turns answered.</summary>
    private static async Task SendTurnsAsync(HttpClient client, int worker, ConcurrentDictionary<string, int> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var conversation = $"crash-{worker}-{i % ConversationsPerWorker}";
            try
            {
                var activity = BotApplication.Message("hello there " + i, conversation, id: "m" + i);
                using var response = await client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Default.Activity, stop);
                if (!response.IsSuccessStatusCode)
                {
                    return;
                }

                var replies = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(stop), ProtocolJson.Default.ExpectedReplies)!.Activities;
                if (replies.Count > 0 && BotApplication.ReplyOf(replies[0]) != SystemReplies.Error)
                {
                    acknowledged.AddOrUpdate(conversation, 1, (_, n) => n + 1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The host is gone: this turn was never acknowledged, and nor will any other be.
                return;
            }
        }
    }

    /// <summary>Starts the host on a free port. Another test may take the port between the probe and the host's bind
    /// (tests run in parallel), so a host that says its address is in use is started again on another port.</summary>
    private async Task<RunningHost> StartHostAsync(string database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartHostOnFreePortAsync(database);
            }
            catch (PortTakenException) when (attempt < 3)
            {
            }
        }
    }

    private sealed class PortTakenException(string message) : Exception(message);

    private async Task<RunningHost> StartHostOnFreePortAsync(string database)
    {
        var port = KestrelOnFreePort.PickPort();

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "PreventionBot.Host.dll"), "--urls", $"http://127.0.0.1:{port}",
            "--Storage:Provider=sqlite", "--Storage:SqlitePath=" + database, "--Serilog:MinimumLevel=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PREVENTIONBOT_DIALOGS"] = Path.Combine(KestrelBotHost.RepositoryRoot(), "dialogs");
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start)!;
        // Drained so a chatty host never blocks on a full pipe; the last lines say why a host did not start.
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is not null)
            {
                said.Enqueue(line);
                while (said.Count > 20 && said.TryDequeue(out _))
                {
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new RunningHost(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await client.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        if (process.HasExited)
        {
            // Waits for the redirected output to be read to its end.
            process.WaitForExit();
        }

        var exited = process.HasExited ? $"exited with {process.ExitCode}" : "still not answering after 90 s";
        var lines = string.Join("\n", said);
        host.Dispose();
        throw lines.Contains("already in use", StringComparison.Ordinal)
            ? new PortTakenException(lines)
            : new InvalidOperationException($"the host did not start ({exited}):\n" + lines);
    }

    private sealed record RunningHost(Process Process, Uri Address) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}

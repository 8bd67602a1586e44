using System.Diagnostics;
using PreventionBot.Host.Tests.Browser;
using Xunit.Abstractions;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>
/// The official client, botframework-directlinejs under Node (tests/node/directline), holds a conversation with the
/// host over REST polling and over the WebSocket. Needs `node` and `npm` on PATH; runs `npm ci` there when needed.
/// </summary>
[Collection(RealHostGroup.Name)]
public sealed class DirectLineNodeClientTests(KestrelBotHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task DirectLineJS_converses_over_polling_and_websocket()
    {
        var directory = Path.Combine(KestrelBotHost.RepositoryRoot(), "tests", "node", "directline");
        if (!File.Exists(Path.Combine(directory, "node_modules", "botframework-directlinejs", "package.json")))
        {
            var (installCode, installOutput) = await RunAsync("npm", "ci --ignore-scripts --no-audit --no-fund", directory, TimeSpan.FromMinutes(5));
            Assert.True(installCode == 0, "npm ci failed:\n" + installOutput);
        }

        var (code, text) = await RunAsync("node", $"directline-client.test.js {host.BaseAddress.ToString().TrimEnd('/')}", directory, TimeSpan.FromMinutes(2));
        output.WriteLine(text);
        Assert.True(code == 0, text);
        Assert.Contains("polling: ok", text, StringComparison.Ordinal);
        Assert.Contains("websocket: ok", text, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory, TimeSpan timeout)
    {
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out after {timeout}.\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

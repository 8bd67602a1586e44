using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PreventionBot.Host.Tests.Browser;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Hosting;

/// <summary>
/// The real executable, started as a user would start it. A host that cannot start says why in one line on standard
/// error and exits with 1: no stack traces, no misleading lines from background jobs, no empty database left behind.
/// </summary>
public sealed class HostStartupTests : IDisposable
{
    private readonly string _workingDirectory = Path.Combine(Path.GetTempPath(), "pb-startup-" + Guid.NewGuid().ToString("N"));

    public HostStartupTests() => Directory.CreateDirectory(_workingDirectory);

    [Fact]
    public async Task A_port_already_in_use_is_one_clear_line_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, output, error) = await RunHostAsync("--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(error));
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("FTL", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workingDirectory, "data")), "a host that never started left a database behind");
    }

    [Fact]
    public async Task A_deployment_that_requires_an_app_id_refuses_to_start_without_one()
    {
        var (exitCode, output, error) = await RunHostAsync("--urls", "http://127.0.0.1:0", "--Bot:RequireAppId=true");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(error));
        Assert.Contains("MicrosoftAppId is required", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ForwardedHeaders:KnownNetworks:0=banana", "ForwardedHeaders:KnownNetworks")]
    [InlineData("--ForwardedHeaders:KnownProxies:0=10.0.0.300", "ForwardedHeaders:KnownProxies")]
    [InlineData("--MicrosoftAppType=Whatever", "MicrosoftAppType")]
    [InlineData("--Storage:Provider=postgres", "ConnectionStrings:Postgres")]
    [InlineData("--MicrosoftAppId=6f1c2f0e-6f52-4b2c-9d7e-0a1b2c3d4e5f", "MicrosoftAppPassword")]
    public async Task An_invalid_setting_is_one_line_naming_it(string setting, string named)
    {
        var (exitCode, output, error) = await RunHostAsync("--urls", "http://127.0.0.1:0", setting);

        Assert.Equal(1, exitCode);
        Assert.Contains(named, Assert.Single(Lines(error)), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_open_says_so_in_one_warning_line_at_start()
    {
        using var app = new BotApplication();
        using var client = app.CreateClient();

        var warning = Assert.Single(app.LogLines, l => l.Contains("No MicrosoftAppId", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_workingDirectory))
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<(int ExitCode, string Output, string Error)> RunHostAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PreventionBot.Host.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PREVENTIONBOT_DIALOGS"] = Path.Combine(KestrelBotHost.RepositoryRoot(), "dialogs");
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // The host trains its classifier before it binds its port (ContentWarmUp), which takes several times longer
        // while the rest of the suite trains hosts of its own on the same two cores: 60 s was exceeded at 40 epochs.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}

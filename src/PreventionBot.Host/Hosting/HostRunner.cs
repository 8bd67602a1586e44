using Microsoft.Extensions.Options;
using PreventionBot.Host.Logging;

namespace PreventionBot.Host.Hosting;

/// <summary>
/// Starts the host and runs it until it is stopped. A host that cannot start (its port is taken, a setting is invalid)
/// says why in one line on standard error and exits with 1: no stack traces, and nothing touched on disk, because
/// background jobs wait for the server to be listening before they do any work.
/// </summary>
public static class HostRunner
{
    public static async Task<int> RunAsync(WebApplication app, TextWriter error)
    {
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (StartupProblem(e) is { } problem)
        {
            await error.WriteLineAsync("PreventionBot could not start: " + problem);
            await StopQuietlyAsync(app);
            return 1;
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    private static string? StartupProblem(Exception e) => e switch
    {
        _ when LoggingSetup.IsAddressInUse(e) => e.Message.TrimEnd('.') + ". Stop the other program or choose another address, e.g. --urls http://localhost:3979.",
        OptionsValidationException options => string.Join(" ", options.Failures),
        InvalidOperationException { InnerException: OptionsValidationException options } => string.Join(" ", options.Failures),
        _ => null,
    };

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException or AggregateException)
        {
            // Stopping a host that never started can fail in its own ways; the one line above is what matters.
        }
    }
}

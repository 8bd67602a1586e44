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
            await DisposeQuietlyAsync(app);
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

    private static async Task DisposeQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.DisposeAsync();
        }
#pragma warning disable CA1031 // A host that never started can fail to dispose in its own ways; the one line above is what matters.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

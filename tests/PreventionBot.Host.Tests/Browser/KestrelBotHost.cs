using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Browser;

/// <summary>
/// The real host on a real Kestrel port (a browser or Node cannot reach TestServer), memory storage, generous rate
/// limits, and quick exit pointed at this host's own /healthz so tests can see the browser leave without internet.
/// </summary>
public sealed class KestrelBotHost : IAsyncLifetime, IDisposable
{
    private BotApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public string QuickExitUrl => new Uri(BaseAddress, "/healthz").ToString();

    public Task InitializeAsync()
    {
        (_app, BaseAddress) = KestrelOnFreePort.Start(baseAddress => new BotApplication(new Dictionary<string, string?>
        {
            ["urls"] = baseAddress.ToString().TrimEnd('/'),
            ["DirectLine:TokenRequestsPerClientPerMinute"] = "1000",
            ["DirectLine:TokenRequestsPerMinute"] = "1000",
            ["WebChat:QuickExitUrl"] = new Uri(baseAddress, "/healthz").ToString(),
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _app?.Dispose();

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PreventionBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PreventionBot.sln not found above " + AppContext.BaseDirectory);
    }
}

// Run alone, after the parallel tests: on a 2-core machine a real browser racing 80 other tests turns
// timing-based behaviour (three Escapes within three seconds) into flakiness.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealHostGroup : ICollectionFixture<KestrelBotHost>, ICollectionFixture<BrowserFixture>
{
    /// <summary>Browser and Node tests share one host and one browser, and run one at a time.</summary>
    public const string Name = "Real host";
}

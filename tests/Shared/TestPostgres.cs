using System.Diagnostics;
using Npgsql;

namespace PreventionBot.Testing;

/// <summary>
/// The PostgreSQL server the tests use: the one <c>./test.sh</c> started (its connection string is in
/// <see cref="Variable"/>), or else one this test process starts for itself with <c>tests/postgres/server.sh</c> from
/// the Debian package's binaries, so <c>dotnet test</c> of one project works too. Without either, every PostgreSQL test
/// fails with a message saying what to install: a store that is never tested must not look green.
/// </summary>
public sealed class TestPostgres
{
    public const string Variable = "PREVENTIONBOT_TEST_POSTGRES";

    private static readonly Lazy<TestPostgres> Shared = new(Start);

    private TestPostgres(string connectionString) => ConnectionString = connectionString;

    /// <summary>The server's administrative connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The shared server; throws the reason on every use when there is none.</summary>
    public static TestPostgres Server => Shared.Value;

    /// <summary>A new, empty database of its own for one test, dropped when disposed.</summary>
    public static TestDatabase CreateDatabase() => new(Server.ConnectionString);

    private static TestPostgres Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return new TestPostgres(given);
        }

        var (connectionString, folder) = Launch();

        // The script's watchdog stops the server if this process dies; this stops it at once on a normal exit.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(Script, folder);
        return new TestPostgres(connectionString);
    }

    /// <summary>Starts a new server with <c>tests/postgres/server.sh</c>: its connection string and its folder.</summary>
    internal static (string ConnectionString, string Folder) Launch()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("start");
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length < 2)
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL and none could be started: {error.Trim()} " +
                $"Run ./test.sh (it installs Debian's postgresql and starts a server), or set {Variable} to a connection string.");
        }

        return (lines[0], lines[1]);
    }

    internal static string Script => Path.Combine(RepositoryRoot(), "tests", "postgres", "server.sh");

    internal static void Stop(string script, string folder)
    {
        using var stop = Process.Start("bash", [script, "stop", folder]);
        stop.WaitForExit(10_000);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "postgres", "server.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("tests/postgres/server.sh not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One test's database on the shared server.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name = "pb_test_" + Guid.NewGuid().ToString("N");

    public TestDatabase(string serverConnectionString)
    {
        _serverConnectionString = serverConnectionString;
        Execute($"CREATE DATABASE {_name};");
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_serverConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// A server of its own for one test that stops and restarts it (an outage), so the shared server stays up for the
/// others. Needs Debian's binaries even when <see cref="TestPostgres.Variable"/> names a server.
/// </summary>
public sealed class DedicatedPostgres : IDisposable
{
    private readonly string _folder;

    public DedicatedPostgres() => (ConnectionString, _folder) = TestPostgres.Launch();

    public string ConnectionString { get; }

    /// <summary>Stops the server, keeping its data; connections in use are cut.</summary>
    public void Halt() => Run("halt");

    /// <summary>Starts the halted server again on the same port.</summary>
    public void Resume() => Run("resume");

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        TestPostgres.Stop(TestPostgres.Script, _folder);
    }

    private void Run(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(TestPostgres.Script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(_folder);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"server.sh {command} failed: {error.Result.Trim()}");
        }
    }
}

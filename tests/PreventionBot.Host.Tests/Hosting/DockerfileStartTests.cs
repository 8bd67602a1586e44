using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PreventionBot.Host.Tests.Browser;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Hosting;

/// <summary>
/// There is no Docker engine here, so the image is imitated from the Dockerfile itself: its build stage's
/// <c>dotnet publish</c> into a temporary folder standing for the build stage's filesystem, its final stage's COPY lines
/// into another standing for the image's, its ENV (absolute paths moved under that folder, the listening address moved to
/// a free loopback port), and then its ENTRYPOINT and CMD run in its WORKDIR. The published app must start and answer
/// <c>/healthz</c> and <c>/readyz</c>. A change to the Dockerfile (another project, output folder or dll name, a missing
/// COPY) changes what this runs, so it fails the way the image would.
/// </summary>
public sealed class DockerfileStartTests : IDisposable
{
    private static readonly string Repository = KestrelBotHost.RepositoryRoot();

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private readonly string _root = Directory.CreateTempSubdirectory("pb-dockerfile-").FullName;

    [Fact]
    public async Task The_published_app_starts_with_the_Dockerfiles_command_in_its_working_directory()
    {
        var dockerfile = Dockerfile.Parse(File.ReadAllText(Path.Combine(Repository, "deployment", "Dockerfile")));
        var buildStage = Path.Combine(_root, "build");
        var image = Path.Combine(_root, "image");

        await PublishAsync(dockerfile, buildStage);
        foreach (var (from, source, destination) in dockerfile.Copies)
        {
            var target = InImage(image, dockerfile.WorkingDirectory, destination);
            CopyDirectory(from is null ? Path.Combine(Repository, source) : Path.Combine(buildStage, source.TrimStart('/')), target);
        }

        foreach (var volume in dockerfile.Volumes)
        {
            Directory.CreateDirectory(InImage(image, "/", volume));
        }

        Assert.NotEmpty(dockerfile.Command);
        Assert.True(dockerfile.Environment.ContainsKey("ASPNETCORE_URLS"), "The Dockerfile should say where the host listens (ASPNETCORE_URLS).");
        for (var attempt = 1; ; attempt++)
        {
            var port = KestrelOnFreePort.PickPort();
            var outcome = await StartAndProbeAsync(dockerfile, image, port);
            if (outcome is null)
            {
                return;
            }

            // Another test may take the port between the probe and the host's bind; try another.
            if (!outcome.Contains("already in use", StringComparison.Ordinal) || attempt == 3)
            {
                Assert.Fail(outcome);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down; the temp folder is cleaned by the system.
        }
    }

    /// <summary>The build stage's <c>dotnet publish</c>, run in the repository (the stage's <c>COPY . .</c>), into <paramref name="buildStage"/>.</summary>
    private static async Task PublishAsync(Dockerfile dockerfile, string buildStage)
    {
        var arguments = dockerfile.Publish.ToList();
        var output = arguments.FindIndex(a => a is "-o" or "--output");
        Assert.True(output >= 0 && output + 1 < arguments.Count, "The Dockerfile's dotnet publish should name its output folder (-o).");
        arguments[output + 1] = Path.Combine(buildStage, arguments[output + 1].TrimStart('/'));

        // The one liberty taken: the Dockerfile's configuration (Release) is compiled from scratch, about two minutes on
        // the 2-core CI machine, so this publishes the configuration the tests were just built in, without building or
        // restoring again. Which files publish lays out, and how they start, do not depend on the configuration.
        var configuration = arguments.FindIndex(a => a is "-c" or "--configuration");
        if (configuration >= 0)
        {
            arguments.RemoveRange(configuration, 2);
        }

        arguments.AddRange(["-c", TestConfiguration(), "--no-build", "--no-restore", "-nodeReuse:false"]);
        var (exitCode, said) = await RunToEndAsync("dotnet", arguments, Repository, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, "dotnet " + string.Join(' ', dockerfile.Publish) + " failed:\n" + said);
    }

    /// <summary>Debug or Release: the folder under bin/ this test assembly was built into (the Host was built alongside).</summary>
    private static string TestConfiguration()
    {
        var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        return parts[Array.LastIndexOf(parts, "bin") + 1];
    }

    /// <summary>Null when the host answered both probes; else what went wrong and its last lines.</summary>
    private static async Task<string?> StartAndProbeAsync(Dockerfile dockerfile, string image, int port)
    {
        var start = new ProcessStartInfo(dockerfile.Command[0])
        {
            WorkingDirectory = InImage(image, "/", dockerfile.WorkingDirectory),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in dockerfile.Command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in dockerfile.Environment)
        {
            start.Environment[name] = value.StartsWith('/') ? InImage(image, "/", value) : value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var said = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(said, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(said, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            // The host trains its classifier before it listens: about 20 s on a quiet 2-core machine, and well over
            // 45 s while other tests load it (seen in a full run).
            var deadline = DateTime.UtcNow.Add(StartLimit);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    using var health = await client.GetAsync("/healthz");
                    if (health.StatusCode == HttpStatusCode.OK)
                    {
                        // Ready too: the SQLite store opened at the Dockerfile's path (its volume).
                        using var ready = await client.GetAsync("/readyz");
                        return ready.StatusCode == HttpStatusCode.OK ? null : $"/readyz answered {(int)ready.StatusCode}:\n" + string.Join('\n', said);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening, but slower than the request's 5 s while the machine is loaded (session 32's clean-clone run,
                    // with study hosts running): asked again until the deadline.
                }

                await Task.Delay(100);
            }

            if (process.HasExited)
            {
                process.WaitForExit();
            }

            return (process.HasExited ? $"the host exited with {process.ExitCode}" : $"the host did not answer /healthz within {StartLimit.TotalSeconds:0} s") + ":\n" + string.Join('\n', said);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }

    private static async Task<(int ExitCode, string Said)> RunToEndAsync(string file, IEnumerable<string> arguments, string directory, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {limit.TotalSeconds} s\n" + await output + await error);
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>A path inside the imitated image: <paramref name="path"/>, absolute or relative to <paramref name="workingDirectory"/>.</summary>
    private static string InImage(string image, string workingDirectory, string path)
    {
        var absolute = path.StartsWith('/') ? path : workingDirectory.TrimEnd('/') + "/" + (path == "." ? string.Empty : path);
        return Path.GetFullPath(Path.Combine(image, absolute.TrimStart('/')));
    }

    private static void CopyDirectory(string source, string destination)
    {
        Assert.True(Directory.Exists(source), $"COPY source {source} does not exist");
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }

    private static void Keep(ConcurrentQueue<string> said, string? line)
    {
        if (line is null)
        {
            return;
        }

        said.Enqueue(line);
        while (said.Count > 30 && said.TryDequeue(out _))
        {
        }
    }

    /// <summary>What this test needs from a two-stage Dockerfile: the build stage's publish, the final stage's layout and command.</summary>
    private sealed record Dockerfile(
        IReadOnlyList<string> Publish,
        string WorkingDirectory,
        IReadOnlyList<(string? From, string Source, string Destination)> Copies,
        IReadOnlyDictionary<string, string> Environment,
        IReadOnlyList<string> Volumes,
        IReadOnlyList<string> Command)
    {
        public static Dockerfile Parse(string text)
        {
            var instructions = text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(Instruction)
                .ToList();
            var finalStage = instructions.FindLastIndex(i => i.Keyword == "FROM");
            Assert.True(finalStage > 0, "The Dockerfile should have a build stage and a final stage.");

            var publish = instructions.Take(finalStage)
                .Where(i => i.Keyword == "RUN" && i.Argument.StartsWith("dotnet publish ", StringComparison.Ordinal))
                .Select(i => i.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList())
                .Single();

            var final = instructions.Skip(finalStage + 1).ToList();
            var workingDirectory = final.LastOrDefault(i => i.Keyword == "WORKDIR").Argument ?? "/";
            var copies = final.Where(i => i.Keyword == "COPY").Select(i =>
            {
                var words = i.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                var from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal));
                words.RemoveAll(w => w.StartsWith("--", StringComparison.Ordinal));
                Assert.Equal(2, words.Count);
                return (From: from?["--from=".Length..], Source: words[0], Destination: words[1]);
            }).ToList();
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in final.Where(i => i.Keyword == "ENV").SelectMany(i => i.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                Assert.True(equals > 0, $"ENV {pair}: only the KEY=VALUE form is understood here");
                environment[pair[..equals]] = pair[(equals + 1)..];
            }

            var volumes = final.Where(i => i.Keyword == "VOLUME").SelectMany(i => i.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var command = new List<string>();
            foreach (var keyword in new[] { "ENTRYPOINT", "CMD" })
            {
                if (final.LastOrDefault(i => i.Keyword == keyword).Argument is { } form)
                {
                    // Only the exec (JSON) form: the shell form would need /bin/sh -c, which the image has but is not what we use.
                    command.AddRange(JsonSerializer.Deserialize<string[]>(form) ?? []);
                }
            }

            return new Dockerfile(publish, workingDirectory, copies, environment, volumes, command);
        }

        private static (string Keyword, string Argument) Instruction(string line)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            return (parts[0].ToUpperInvariant(), parts.Length == 2 ? parts[1] : string.Empty);
        }
    }
}

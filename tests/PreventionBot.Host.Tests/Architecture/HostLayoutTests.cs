using System.Text.RegularExpressions;
using PreventionBot.Host.Tests.Browser;

namespace PreventionBot.Host.Tests.Architecture;

/// <summary>
/// The Host's shape, checked in its source: namespaces depend in one direction (Turns and Hosting know no channel;
/// channels know Turns and Hosting, never each other's internals), one turn processor owns the only error boundary,
/// and Program.cs only wires the channels side by side.
/// </summary>
public sealed partial class HostLayoutTests
{
    /// <summary>Which Host namespaces each may import. Anything not listed is forbidden.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Logging"] = [],
        ["Hosting"] = ["Logging"],
        ["Turns"] = ["Hosting"],
        ["Authentication"] = [],
        ["BotConnector"] = ["Authentication", "Hosting", "Turns"],
        ["DirectLine"] = ["Hosting", "Turns"],
        ["WebChat"] = ["DirectLine", "Hosting"],
        ["Cli"] = [],
    };

    [Fact]
    public void Host_namespaces_depend_in_one_direction()
    {
        var problems = new List<string>();
        foreach (var file in SourceFiles())
        {
            var folder = Path.GetRelativePath(HostSource(), file).Split(Path.DirectorySeparatorChar)[0];
            if (!Allowed.TryGetValue(folder, out var allowed))
            {
                continue;
            }

            foreach (Match use in HostUsing().Matches(File.ReadAllText(file)))
            {
                var target = use.Groups[1].Value;
                if (target != folder && !allowed.Contains(target))
                {
                    problems.Add($"{folder}/{Path.GetFileName(file)} imports PreventionBot.Host.{target}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), Directory.GetDirectories(HostSource())
            .Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "wwwroot" or "Properties"))
            .Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_turn_processor_owns_the_hosts_only_turn_error_boundary()
    {
        // The terminal chat (Cli) drives the engine directly, outside the web host, by design.
        var callers = SourceFiles()
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Cli{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("engine.HandleAsync(", StringComparison.Ordinal)).ToList();
        Assert.Equal(["TurnProcessor.cs"], callers.Select(Path.GetFileName));

        var directLine = string.Concat(Directory.GetFiles(Path.Combine(HostSource(), "DirectLine"), "*.cs").Select(File.ReadAllText));
        Assert.DoesNotContain("BotError", directLine, StringComparison.Ordinal);
        Assert.DoesNotContain("reply.From =", directLine, StringComparison.Ordinal);
        Assert.DoesNotContain("reply.ChannelId =", directLine, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonSerializer.Deserialize(body", directLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Security_headers_and_rate_limits_live_in_hosting_and_Program_only_wires_channels()
    {
        var webChat = string.Concat(Directory.GetFiles(Path.Combine(HostSource(), "WebChat"), "*.cs").Select(File.ReadAllText));
        Assert.DoesNotContain("class SecurityHeaders", webChat, StringComparison.Ordinal);
        Assert.DoesNotContain("AddRateLimiter", webChat, StringComparison.Ordinal);

        var program = File.ReadAllText(Path.Combine(HostSource(), "Program.cs"));
        Assert.DoesNotContain("case \"", program, StringComparison.Ordinal);
        Assert.Contains("AddBotConnectorChannel", program, StringComparison.Ordinal);
        Assert.Contains("AddWebChatChannel", program, StringComparison.Ordinal);
        Assert.True(program.Split('\n').Length < 40, "Program.cs should stay a short wiring of the channels");
    }

    [Fact]
    public void One_wire_timestamp_format_and_one_bot_identity()
    {
        var sources = SourceFiles().Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();
        Assert.Equal(["WireTime.cs"], sources.Where(s => s.Text.Contains("HH:mm:ss", StringComparison.Ordinal)).Select(s => s.Name));
        Assert.Equal(["BotIdentity.cs"], sources.Where(s => s.Text.Contains("\"preventionbot\"", StringComparison.Ordinal)).Select(s => s.Name));
    }

    private static string HostSource() => Path.Combine(KestrelBotHost.RepositoryRoot(), "src", "PreventionBot.Host");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(HostSource(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"^using PreventionBot\.Host\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex HostUsing();
}

using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using PreventionBot.Host.Authentication;
using PreventionBot.Host.BotConnector;
using PreventionBot.Host.DirectLine;
using PreventionBot.Host.Hosting;
using PreventionBot.Host.Tests.Browser;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Host.Turns;
using PreventionBot.Host.WebChat;
using YamlDotNet.RepresentationModel;

namespace PreventionBot.Host.Tests.Hosting;

/// <summary>
/// The deployment files cannot be run here (no Docker, kubectl or Azure CLI), so their promises are checked as text:
/// the Azure and Kubernetes files refuse to deploy without an app id and name the proxies whose forwarded headers count;
/// the YAML parses; Kubernetes and Azure run two replicas or more on PostgreSQL with probes on paths the host serves;
/// and every environment variable any of the files sets is a setting the host reads (a misspelt one is silently ignored).
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Deployment = Path.Combine(KestrelBotHost.RepositoryRoot(), "deployment");

    [Fact]
    public void The_Azure_template_requires_an_app_id_and_sets_the_bots_settings()
    {
        var bicep = File.ReadAllText(Path.Combine(Deployment, "azure", "containerapp.bicep"));

        // A parameter without a default is required: the deployment fails without it.
        Assert.Matches(RequiredParameter("microsoftAppId"), bicep);
        Assert.Contains("@minLength(36)", bicep, StringComparison.Ordinal);
        Assert.Matches(RequiredParameter("microsoftAppPassword"), bicep);
        foreach (var setting in new[] { "'Bot__RequireAppId', value: 'true'", "'MicrosoftAppId'", "'MicrosoftAppPassword'", "'MicrosoftAppTenantId'", "'MicrosoftAppType'", "ForwardedHeaders__KnownNetworks__" })
        {
            Assert.Contains(setting, bicep, StringComparison.Ordinal);
        }

        Assert.Contains("/api/messages", bicep, StringComparison.Ordinal);
        Assert.Contains("MsTeamsChannel", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Kubernetes_manifest_requires_an_app_id_and_names_its_proxies()
    {
        var manifest = File.ReadAllText(Path.Combine(Deployment, "kubernetes", "preventionbot.yaml"));

        Assert.Matches(@"name: Bot__RequireAppId\s+value: ""true""", manifest);
        Assert.Matches(@"name: MicrosoftAppId\s+valueFrom:\s+secretKeyRef: \{ name: preventionbot, key: microsoft-app-id, optional: false \}", manifest);
        Assert.Contains("name: ForwardedHeaders__KnownNetworks__0", manifest, StringComparison.Ordinal);
        Assert.Contains("name: ForwardedHeaders__ForwardLimit", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deployment_guide_covers_registration_Web_Chat_and_Teams()
    {
        var guide = File.ReadAllText(Path.Combine(Deployment, "README.md"));

        foreach (var step in new[] { "App registrations", "Client secrets", "Azure Bot", "Messaging endpoint", "Test in Web Chat", "Microsoft Teams", "MicrosoftAppTenantId", "401" })
        {
            Assert.Contains(step, guide, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_Kubernetes_manifest_parses_and_runs_two_replicas_on_PostgreSQL_probed_on_paths_the_host_serves()
    {
        var documents = KubernetesDocuments();
        var deployment = documents.Single(d => Scalar(d, "kind") == "Deployment");
        var secret = documents.Single(d => Scalar(d, "kind") == "Secret");

        Assert.True(int.Parse(Scalar(deployment, "spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.DoesNotContain(documents, d => Scalar(d, "kind") == "PersistentVolumeClaim");
        var container = (YamlMappingNode)((YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers")!).Children.Single();
        var env = ((YamlSequenceNode)Node(container, "env")!).Children.Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name")!);
        Assert.Equal("postgres", Scalar(env["Storage__Provider"], "value"));
        var connection = (YamlMappingNode)Node(env["ConnectionStrings__Postgres"], "valueFrom", "secretKeyRef")!;
        Assert.Equal(Scalar(secret, "metadata", "name"), Scalar(connection, "name"));
        Assert.Contains(Scalar(connection, "key")!, ((YamlMappingNode)Node(secret, "stringData")!).Children.Keys.Select(k => k.ToString()));

        var port = (YamlMappingNode)((YamlSequenceNode)Node(container, "ports")!).Children.Single();
        Assert.Equal("3978", Scalar(port, "containerPort"));
        Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("3978", Scalar(container, "livenessProbe", "httpGet", "port"));
        Assert.Equal("3978", Scalar(container, "readinessProbe", "httpGet", "port"));
        Assert.Contains("ASPNETCORE_URLS=http://+:3978", File.ReadAllText(Path.Combine(Deployment, "Dockerfile")), StringComparison.Ordinal);

        using var host = new BotApplication();
        var client = host.CreateClient();
        foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
        {
            using var response = await client.GetAsync(Scalar(container, probe, "httpGet", "path"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void Compose_parses_and_runs_the_bot_on_its_PostgreSQL_service()
    {
        var compose = LoadYaml(Path.Combine(Deployment, "compose.yaml")).Single();
        var services = (YamlMappingNode)Node(compose, "services")!;
        var bot = (YamlMappingNode)Node(services, "preventionbot")!;
        var postgres = (YamlMappingNode)Node(services, "postgres")!;

        Assert.Equal("postgres", Scalar(bot, "environment", "Storage__Provider"));
        Assert.StartsWith("Host=postgres;", Scalar(bot, "environment", "ConnectionStrings__Postgres"), StringComparison.Ordinal);
        Assert.Equal("service_healthy", Scalar(bot, "depends_on", "postgres", "condition"));
        Assert.Null(Node(postgres, "profiles"));
        Assert.NotNull(Node(postgres, "healthcheck"));
    }

    [Fact]
    public void The_Azure_template_adds_a_PostgreSQL_Flexible_Server_and_runs_two_replicas_on_it()
    {
        var bicep = File.ReadAllText(Path.Combine(Deployment, "azure", "containerapp.bicep"));

        Assert.Contains("'Microsoft.DBforPostgreSQL/flexibleServers@", bicep, StringComparison.Ordinal);
        Assert.Contains("{ name: 'Storage__Provider', value: 'postgres' }", bicep, StringComparison.Ordinal);
        Assert.Contains("{ name: 'ConnectionStrings__Postgres', secretRef: 'postgres-connection-string' }", bicep, StringComparison.Ordinal);
        Assert.Contains("{ name: 'postgres-connection-string', value: postgresConnectionString }", bicep, StringComparison.Ordinal);
        Assert.Matches(RequiredParameter("postgresAdminPassword"), bicep);
        Assert.Matches(@"@secure\(\)\s*\n@minLength\(12\)\s*\nparam postgresAdminPassword string", bicep);
        Assert.Matches(@"@minValue\(2\)\s*\nparam minReplicas int = [2-9]", bicep);
        Assert.Contains("scale: { minReplicas: minReplicas,", bicep, StringComparison.Ordinal);
        Assert.Contains("{ type: 'Liveness', httpGet: { path: '/healthz', port: 3978 } }", bicep, StringComparison.Ordinal);
        Assert.Contains("{ type: 'Readiness', httpGet: { path: '/readyz', port: 3978 }", bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("Storage__SqlitePath", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_environment_variable_the_deployment_files_set_is_a_setting_the_host_reads()
    {
        var known = KnownSettings();
        var set = new List<(string File, string Variable)>();
        set.AddRange(KubernetesEnvironment().Select(v => ("kubernetes/preventionbot.yaml", v)));
        set.AddRange(ComposeEnvironment().Select(v => ("compose.yaml", v)));
        set.AddRange(DockerfileEnvironment().Select(v => ("Dockerfile", v)));
        set.AddRange(BicepEnvironment().Select(v => ("azure/containerapp.bicep", v)));
        Assert.Contains(set, s => s.Variable == "ConnectionStrings__Postgres" && s.File == "azure/containerapp.bicep");
        Assert.Contains(set, s => s.Variable == "ForwardedHeaders__KnownNetworks__0" && s.File == "azure/containerapp.bicep");

        var unknown = set.Where(s => !known.Contains(SettingOf(s.Variable))).Select(s => $"{s.File}: {s.Variable}").ToList();

        Assert.True(unknown.Count == 0, "Set but never read by the host: " + string.Join(", ", unknown));
    }

    [Fact]
    public void An_unknown_environment_variable_would_be_caught()
    {
        var known = KnownSettings();

        Assert.Contains(SettingOf("Storage__Provider"), known);
        Assert.Contains(SettingOf("ForwardedHeaders__KnownNetworks__3"), known);
        Assert.DoesNotContain(SettingOf("Storage__Provder"), known);
        Assert.DoesNotContain(SettingOf("ConnectionStrings__Postgress"), known);
        Assert.DoesNotContain(SettingOf("Bot__RequireAppID_"), known);
    }

    [Fact]
    public void The_dockerignore_keeps_dependencies_build_output_git_and_local_data_out_of_the_image()
    {
        var lines = File.ReadAllLines(Path.Combine(KestrelBotHost.RepositoryRoot(), ".dockerignore")).Select(l => l.Trim()).ToHashSet();

        foreach (var pattern in new[] { "**/node_modules", "**/bin", "**/obj", ".git", "data/" })
        {
            Assert.Contains(pattern, lines);
        }
    }

    /// <summary>
    /// The configuration keys the host reads: every property of the options classes it binds (under their sections, or
    /// at the top level for the Bot Framework SDK's names), the keys it reads one by one (each checked to be still read
    /// in the source), and the plain environment variables of the runtime and of content lookup.
    /// </summary>
    private static HashSet<string> KnownSettings()
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bound = new (string Section, Type Options)[]
        {
            (string.Empty, typeof(BotAuthenticationOptions)),
            (StorageOptions.Section, typeof(StorageOptions)),
            (BotHostOptions.Section, typeof(BotHostOptions)),
            ("Bot", typeof(ReplySenderOptions)),
            (ProxyOptions.Section, typeof(ProxyOptions)),
            (DirectLineOptions.Section, typeof(DirectLineOptions)),
            (WebChatOptions.Section, typeof(WebChatOptions)),
        };
        foreach (var (section, options) in bound)
        {
            foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
            {
                known.Add(section.Length == 0 ? property.Name : section + ":" + property.Name);
            }
        }

        var source = string.Join('\n', Directory.EnumerateFiles(Path.Combine(KestrelBotHost.RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var readOneByOne = new (string Key, string Evidence)[]
        {
            ("ConnectionStrings:Postgres", "GetConnectionString(\"Postgres\")"),
            ("Bot:RequireAppId", "\"Bot:RequireAppId\""),
            ("Conversation:StateExpiryMinutes", "\"Conversation:StateExpiryMinutes\""),
            ("Conversation:MaxMessageLength", "\"Conversation:MaxMessageLength\""),
            ("Content:DialogsPath", "\"Content:DialogsPath\""),
            ("PREVENTIONBOT_DIALOGS", "\"PREVENTIONBOT_DIALOGS\""),
        };
        foreach (var (key, evidence) in readOneByOne)
        {
            Assert.True(source.Contains(evidence, StringComparison.Ordinal), $"The host no longer reads {key} ({evidence} is not in src/)");
            known.Add(key);
        }

        // ASP.NET Core's own: where Kestrel listens.
        known.Add("ASPNETCORE_URLS");
        return known;
    }

    /// <summary>An environment variable's configuration key: <c>__</c> is <c>:</c>, and a list's index names the list.</summary>
    private static string SettingOf(string variable) =>
        Regex.Replace(variable.Replace("__", ":", StringComparison.Ordinal), @"(:\d+)+$", string.Empty);

    private static IEnumerable<string> KubernetesEnvironment() =>
        KubernetesDocuments()
            .Where(d => Scalar(d, "kind") == "Deployment")
            .SelectMany(d => ((YamlSequenceNode)Node(d, "spec", "template", "spec", "containers")!).Children.Cast<YamlMappingNode>())
            .SelectMany(c => ((YamlSequenceNode)Node(c, "env")!).Children.Cast<YamlMappingNode>())
            .Select(e => Scalar(e, "name")!);

    /// <summary>The variables of the services built from the Dockerfile (PostgreSQL's own are the image's business).</summary>
    private static IEnumerable<string> ComposeEnvironment()
    {
        var services = (YamlMappingNode)Node(LoadYaml(Path.Combine(Deployment, "compose.yaml")).Single(), "services")!;
        var built = services.Children.Values.Cast<YamlMappingNode>().Where(s => Node(s, "build") is not null).ToList();
        Assert.NotEmpty(built);
        return built.SelectMany(s => ((YamlMappingNode)Node(s, "environment")!).Children.Keys.Select(k => k.ToString()));
    }

    private static List<string> DockerfileEnvironment()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deployment, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var variables = Regex.Matches(dockerfile, @"^ENV\s+(.+)$", RegexOptions.Multiline)
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, @"([A-Za-z_][A-Za-z0-9_]*)=").Select(v => v.Groups[1].Value))
            .ToList();
        Assert.NotEmpty(variables);
        return variables;
    }

    /// <summary>The container's <c>env</c> list, and the proxy networks added to it (their index as 0).</summary>
    private static IEnumerable<string> BicepEnvironment()
    {
        var bicep = File.ReadAllText(Path.Combine(Deployment, "azure", "containerapp.bicep"));
        var block = Regex.Match(bicep, @"env: concat\(\[(.*?)\], proxyEnv\)", RegexOptions.Singleline);
        Assert.True(block.Success, "containerapp.bicep: the container's env: concat([...], proxyEnv) not found");
        var proxies = Regex.Match(bicep, @"^var proxyEnv = .*$", RegexOptions.Multiline).Value;
        return Regex.Matches(block.Groups[1].Value + "\n" + proxies, @"name: '([^']+)'")
            .Select(m => m.Groups[1].Value.Replace("${i}", "0", StringComparison.Ordinal));
    }

    private static List<YamlMappingNode> KubernetesDocuments() => LoadYaml(Path.Combine(Deployment, "kubernetes", "preventionbot.yaml"));

    private static List<YamlMappingNode> LoadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    private static YamlNode? Node(YamlMappingNode mapping, params string[] path)
    {
        YamlNode? node = mapping;
        foreach (var step in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(step), out node))
            {
                return null;
            }
        }

        return node;
    }

    private static string? Scalar(YamlMappingNode mapping, params string[] path) => (Node(mapping, path) as YamlScalarNode)?.Value;

    private static Regex RequiredParameter(string name) => new($@"^param {name} string\s*$", RegexOptions.Multiline);
}

using System.Text.RegularExpressions;
using PreventionBot.Host.Tests.Browser;

namespace PreventionBot.Host.Tests.Hosting;

/// <summary>
/// The deployment files cannot be run here (no Docker, kubectl or Azure CLI), so their promises are checked as text:
/// the Azure and Kubernetes files refuse to deploy without an app id and name the proxies whose forwarded headers count.
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

    private static Regex RequiredParameter(string name) => new($@"^param {name} string\s*$", RegexOptions.Multiline);
}

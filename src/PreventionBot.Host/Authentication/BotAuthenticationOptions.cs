using System.Net;

namespace PreventionBot.Host.Authentication;

public enum MicrosoftAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}

/// <summary>
/// The bot's identity with Azure Bot Service, under the Bot Framework SDK's own configuration names (top level, as in
/// the SDK's appsettings.json): <c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>,
/// <c>MicrosoftAppTenantId</c>, and the SDK's overrides for other clouds and for tests. With no app id the bot runs open,
/// as the Bot Framework Emulator expects: no channel tokens are checked and replies go to loopback addresses only.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string GovernmentChannelService = "https://botframework.azure.us";

    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public string? ToBotFromChannelOpenIdMetadataUrl { get; set; }

    public string? ToBotFromEmulatorOpenIdMetadataUrl { get; set; }

    public string? ToChannelFromBotLoginUrl { get; set; }

    public string? ToChannelFromBotOAuthScope { get; set; }

    public string? ToBotFromChannelTokenIssuer { get; set; }

    /// <summary>Empty for the public cloud; <see cref="GovernmentChannelService"/> for US Government.</summary>
    public string? ChannelService { get; set; }

    /// <summary>Whether MSAL validates the login authority (and looks it up by instance discovery). Off only for private test authorities.</summary>
    public bool ValidateAuthority { get; set; } = true;

    /// <summary>Deployment guard (<c>Bot:RequireAppId</c>): refuse to start without an app id.</summary>
    public bool RequireAppId { get; set; }

    public bool IsOpen => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public string AppId => MicrosoftAppId?.Trim() ?? string.Empty;

    public MicrosoftAppType AppType =>
        string.IsNullOrWhiteSpace(MicrosoftAppType) ? Authentication.MicrosoftAppType.MultiTenant
        : MicrosoftAppType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase) ? Authentication.MicrosoftAppType.UserAssignedMsi
        : Enum.Parse<MicrosoftAppType>(MicrosoftAppType, ignoreCase: true);

    private bool IsGovernment => string.Equals(ChannelService, GovernmentChannelService, StringComparison.OrdinalIgnoreCase);

    public string ChannelOpenIdMetadataUrl => Or(ToBotFromChannelOpenIdMetadataUrl, IsGovernment
        ? "https://login.botframework.azure.us/v1/.well-known/openidconfiguration"
        : "https://login.botframework.com/v1/.well-known/openidconfiguration");

    public string EmulatorOpenIdMetadataUrl => Or(ToBotFromEmulatorOpenIdMetadataUrl, IsGovernment
        ? "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration"
        : "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration");

    public string ChannelTokenIssuer => Or(ToBotFromChannelTokenIssuer, IsGovernment ? "https://api.botframework.us" : "https://api.botframework.com");

    /// <summary>The MSAL authority for outbound tokens: the bot's tenant for SingleTenant, else the Bot Framework's.</summary>
    public string LoginAuthority => Or(ToChannelFromBotLoginUrl,
        (IsGovernment ? "https://login.microsoftonline.us/" : "https://login.microsoftonline.com/")
        + (AppType == Authentication.MicrosoftAppType.SingleTenant ? MicrosoftAppTenantId!.Trim()
            : IsGovernment ? "MicrosoftServices.onmicrosoft.us" : "botframework.com"));

    public string OAuthScope => Or(ToChannelFromBotOAuthScope, IsGovernment ? "https://api.botframework.us" : "https://api.botframework.com");

    /// <summary>The client-credentials scope: the OAuth scope with <c>/.default</c>, as MSAL wants it.</summary>
    public string ClientCredentialsScope => OAuthScope.EndsWith("/.default", StringComparison.OrdinalIgnoreCase)
        ? OAuthScope
        : OAuthScope.TrimEnd('/') + "/.default";

    /// <summary>Issuers of Entra ID tokens the Emulator (and other Azure AD callers with the bot's own credentials) send.</summary>
    public IReadOnlyList<string> EntraIssuers
    {
        get
        {
            List<string> issuers =
            [
                "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
                "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
                "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
                "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
                "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
                "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
            ];
            if (AppType != Authentication.MicrosoftAppType.MultiTenant && !string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
            {
                var tenant = MicrosoftAppTenantId.Trim();
                issuers.Add($"https://sts.windows.net/{tenant}/");
                issuers.Add($"https://login.microsoftonline.com/{tenant}/v2.0");
                issuers.Add($"https://login.microsoftonline.us/{tenant}/");
                issuers.Add($"https://login.microsoftonline.us/{tenant}/v2.0");
            }

            return issuers;
        }
    }

    /// <summary>Every problem with these settings, as sentences; empty when the host may start.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(MicrosoftAppType)
            && !Enum.TryParse<MicrosoftAppType>(MicrosoftAppType, ignoreCase: true, out _)
            && !MicrosoftAppType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase))
        {
            yield return "MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI.";
            yield break;
        }

        if (IsOpen)
        {
            if (RequireAppId)
            {
                yield return "MicrosoftAppId is required here (Bot:RequireAppId is true): register the bot as deployment/README.md describes and set MicrosoftAppId.";
            }

            yield break;
        }

        var password = !string.IsNullOrWhiteSpace(MicrosoftAppPassword);
        var tenant = !string.IsNullOrWhiteSpace(MicrosoftAppTenantId);
        switch (AppType)
        {
            case Authentication.MicrosoftAppType.MultiTenant when !password:
                yield return "MicrosoftAppPassword is required for a MultiTenant bot.";
                break;
            case Authentication.MicrosoftAppType.SingleTenant when !password || !tenant:
                yield return "MicrosoftAppPassword and MicrosoftAppTenantId are required for a SingleTenant bot.";
                break;
            case Authentication.MicrosoftAppType.UserAssignedMsi when !tenant || password:
                yield return "A UserAssignedMSI bot needs MicrosoftAppTenantId and must not have MicrosoftAppPassword.";
                break;
        }

        if (!string.IsNullOrWhiteSpace(ChannelService) && !IsGovernment
            && (ToBotFromChannelOpenIdMetadataUrl is null || ToChannelFromBotLoginUrl is null || ToBotFromChannelTokenIssuer is null))
        {
            yield return "ChannelService names no known cloud: set ToBotFromChannelOpenIdMetadataUrl, ToChannelFromBotLoginUrl and ToBotFromChannelTokenIssuer too.";
        }

        foreach (var (name, url) in new[]
        {
            ("ToBotFromChannelOpenIdMetadataUrl", ChannelOpenIdMetadataUrl),
            ("ToBotFromEmulatorOpenIdMetadataUrl", EmulatorOpenIdMetadataUrl),
            ("ToChannelFromBotLoginUrl", LoginAuthority),
        })
        {
            if (!IsSecureUrl(url))
            {
                yield return $"{name} must be an https URL (http only for this machine's own address).";
            }
        }
    }

    /// <summary>https, or http to a loopback address (local test endpoints).</summary>
    public static bool IsSecureUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string Or(string? configured, string fallback) => string.IsNullOrWhiteSpace(configured) ? fallback : configured.Trim();
}

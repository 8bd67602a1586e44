using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace PreventionBot.Host.Authentication;

/// <summary>The bearer token for calls to a channel's Connector API; null when the bot runs open (no app id).</summary>
public interface IBotTokenSource
{
    Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}

/// <summary>
/// Bot Connector tokens from Microsoft Entra ID with MSAL: client credentials (app id and password) for MultiTenant and
/// SingleTenant bots, the user-assigned managed identity for UserAssignedMSI. The scope is
/// <c>https://api.botframework.com/.default</c> unless ToChannelFromBotOAuthScope says otherwise. MSAL keeps the token in
/// memory and asks for a new one only when it is near expiry, so most replies cost no login call.
/// </summary>
public sealed class MsalBotTokenSource : IBotTokenSource
{
    private readonly BotAuthenticationOptions _options;
    private readonly IConfidentialClientApplication? _confidential;
    private readonly IManagedIdentityApplication? _managed;

    public MsalBotTokenSource(IOptions<BotAuthenticationOptions> options, IHttpClientFactory http)
    {
        _options = options.Value;
        if (_options.IsOpen)
        {
            return;
        }

        var httpClients = new MsalHttpClients(http);
        if (_options.AppType == MicrosoftAppType.UserAssignedMsi)
        {
            _managed = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(_options.AppId))
                .WithHttpClientFactory(httpClients)
                .Build();
            return;
        }

        var builder = ConfidentialClientApplicationBuilder.Create(_options.AppId)
            .WithClientSecret(_options.MicrosoftAppPassword)
            .WithHttpClientFactory(httpClients);
        builder = _options.ValidateAuthority
            ? builder.WithAuthority(_options.LoginAuthority, validateAuthority: true)
            : builder.WithAuthority(_options.LoginAuthority, validateAuthority: false).WithInstanceDiscovery(false);
        _confidential = builder.Build();
    }

    public async Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (_confidential is not null)
        {
            var result = await _confidential.AcquireTokenForClient([_options.ClientCredentialsScope])
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        if (_managed is not null)
        {
            var resource = _options.ClientCredentialsScope[..^"/.default".Length];
            var result = await _managed.AcquireTokenForManagedIdentity(resource)
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        return null;
    }

    /// <summary>MSAL's HTTP calls go through IHttpClientFactory (pooled handlers; tests can trust a local certificate).</summary>
    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientNames.Login);
    }
}

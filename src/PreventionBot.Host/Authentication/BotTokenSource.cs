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
public sealed class MsalBotTokenSource(IOptions<BotAuthenticationOptions> options, IHttpClientFactory http) : IBotTokenSource, IDisposable
{
    // Built on first use, not at construction: settings are validated when the host starts, after services exist.
    private readonly Lazy<(IConfidentialClientApplication? Confidential, IManagedIdentityApplication? Managed)> _clients = new(() => Create(options.Value, http));

    // One acquisition at a time: replies to several conversations sent at once on a cold cache would otherwise each
    // ask Entra ID for a token (a login burst after every start or expiry). A cached token comes back in microseconds.
    private readonly SemaphoreSlim _acquiring = new(1, 1);

    public async Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _acquiring.WaitAsync(cancellationToken);
        try
        {
            return await AcquireAsync(forceRefresh, cancellationToken);
        }
        finally
        {
            _acquiring.Release();
        }
    }

    public void Dispose() => _acquiring.Dispose();

    private async Task<string?> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (confidential, managed) = _clients.Value;
        if (confidential is not null)
        {
            var result = await confidential.AcquireTokenForClient([settings.ClientCredentialsScope])
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        if (managed is not null)
        {
            var resource = settings.ClientCredentialsScope[..^"/.default".Length];
            var result = await managed.AcquireTokenForManagedIdentity(resource)
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        return null;
    }

    private static (IConfidentialClientApplication?, IManagedIdentityApplication?) Create(BotAuthenticationOptions settings, IHttpClientFactory http)
    {
        if (settings.IsOpen)
        {
            return (null, null);
        }

        var httpClients = new MsalHttpClients(http);
        if (settings.AppType == MicrosoftAppType.UserAssignedMsi)
        {
            return (null, ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(settings.AppId))
                .WithHttpClientFactory(httpClients)
                .Build());
        }

        var builder = ConfidentialClientApplicationBuilder.Create(settings.AppId)
            .WithClientSecret(settings.MicrosoftAppPassword)
            .WithHttpClientFactory(httpClients);
        builder = settings.ValidateAuthority
            ? builder.WithAuthority(settings.LoginAuthority, validateAuthority: true)
            : builder.WithAuthority(settings.LoginAuthority, validateAuthority: false).WithInstanceDiscovery(false);
        return (builder.Build(), null);
    }

    /// <summary>MSAL's HTTP calls go through IHttpClientFactory (pooled handlers; tests can trust a local certificate).</summary>
    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientNames.Login);
    }
}

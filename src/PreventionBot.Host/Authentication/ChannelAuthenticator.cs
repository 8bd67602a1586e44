using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Authentication;

/// <summary>Who sent an activity: a Bot Connector channel (its token vouches for the serviceUrl) or an Entra ID caller holding the bot's own credentials (the Emulator).</summary>
public enum ChannelCaller
{
    /// <summary>No app id is configured: nobody is checked.</summary>
    Anonymous,
    BotConnector,
    Emulator,
}

/// <summary>The outcome of checking a request's token: who called, or why it is refused (a reason code safe to log).</summary>
public readonly record struct ChannelAuthentication(ChannelCaller? Caller, string? Refusal)
{
    public bool Succeeded => Caller is not null;

    public static ChannelAuthentication Refused(string reason) => new(null, reason);
}

/// <summary>
/// Checks the JWT on each /api/messages request as the Bot Connector authentication spec and the SDKs do. Channel
/// tokens (issuer <c>https://api.botframework.com</c>): RS256 only, signed by a key from the channel OpenID metadata,
/// right issuer, audience = the bot's app id, <c>exp</c>/<c>nbf</c> with 5 minutes of clock skew, the signing key
/// endorsed for the activity's <c>channelId</c>, and the <c>serviceurl</c> claim equal to the activity's
/// <c>serviceUrl</c>. Entra ID tokens (the Emulator; v1 and v2 issuers of the Bot Framework tenants, and the bot's own
/// tenant when it is SingleTenant or UserAssignedMSI): the same signature, lifetime and audience checks against the
/// Entra metadata, and the app id in <c>appid</c> (v1) or <c>azp</c> (v2) must be the bot's.
/// </summary>
public sealed partial class ChannelAuthenticator : IDisposable
{
    public const int MaxTokenLength = 16 * 1024;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BotAuthenticationOptions _options;
    private readonly OpenIdKeyCache _channelKeys;
    private readonly OpenIdKeyCache _entraKeys;
    private readonly HashSet<string> _entraIssuers;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<ChannelAuthenticator> _logger;

    public ChannelAuthenticator(IOptions<BotAuthenticationOptions> options, IHttpClientFactory http, TimeProvider time, ILogger<ChannelAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        var client = http.CreateClient(HttpClientNames.OpenIdMetadata);
        _channelKeys = new OpenIdKeyCache(_options.ChannelOpenIdMetadataUrl, client, time, logger);
        _entraKeys = new OpenIdKeyCache(_options.EmulatorOpenIdMetadataUrl, client, time, logger);
        _entraIssuers = new HashSet<string>(_options.EntraIssuers, StringComparer.Ordinal);
    }

    public bool IsOpen => _options.IsOpen;

    public void Dispose()
    {
        _channelKeys.Dispose();
        _entraKeys.Dispose();
    }

    public async Task<ChannelAuthentication> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (_options.IsOpen)
        {
            return new ChannelAuthentication(ChannelCaller.Anonymous, null);
        }

        var result = await CheckAsync(authorization, activity, cancellationToken);
        if (!result.Succeeded)
        {
            LogRefused(_logger, result.Refusal!);
        }

        return result;
    }

    private async Task<ChannelAuthentication> CheckAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return ChannelAuthentication.Refused("missing-header");
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > MaxTokenLength)
        {
            return ChannelAuthentication.Refused("not-a-bearer-token");
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(authorization[7..].Trim());
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return ChannelAuthentication.Refused("malformed-token");
        }

        if (!string.Equals(token.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return ChannelAuthentication.Refused("algorithm-not-rs256");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return ChannelAuthentication.Refused("no-key-id");
        }

        var issuer = token.Issuer;
        ChannelCaller caller;
        OpenIdKeyCache keys;
        if (string.Equals(issuer, _options.ChannelTokenIssuer, StringComparison.Ordinal))
        {
            (caller, keys) = (ChannelCaller.BotConnector, _channelKeys);
        }
        else if (_entraIssuers.Contains(issuer))
        {
            (caller, keys) = (ChannelCaller.Emulator, _entraKeys);
        }
        else
        {
            return ChannelAuthentication.Refused("unknown-issuer");
        }

        var key = await keys.FindAsync(token.Kid, cancellationToken);
        if (key is null)
        {
            return ChannelAuthentication.Refused("unknown-signing-key");
        }

        var validation = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = caller == ChannelCaller.BotConnector ? [_options.ChannelTokenIssuer] : _entraIssuers,
            ValidAudiences = caller == ChannelCaller.BotConnector ? [_options.AppId] : [_options.AppId, "api://" + _options.AppId],
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
        });
        if (!validation.IsValid)
        {
            return ChannelAuthentication.Refused(ReasonFor(validation.Exception));
        }

        return caller == ChannelCaller.BotConnector ? CheckChannelClaims(token, key, activity) : CheckEntraClaims(token);
    }

    private static ChannelAuthentication CheckChannelClaims(JsonWebToken token, ChannelSigningKey key, Activity activity)
    {
        // A channel key must say which channels it speaks for; one without endorsements speaks for none.
        if (key.Endorsements is null || (!string.IsNullOrEmpty(activity.ChannelId) && !key.Endorsements.Contains(activity.ChannelId)))
        {
            return ChannelAuthentication.Refused("key-not-endorsed-for-channel");
        }

        if (activity.ServiceUrl is not null)
        {
            var claim = token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) ? serviceUrl : null;
            if (string.IsNullOrWhiteSpace(claim) || !string.Equals(claim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return ChannelAuthentication.Refused("serviceurl-mismatch");
            }
        }

        return new ChannelAuthentication(ChannelCaller.BotConnector, null);
    }

    private ChannelAuthentication CheckEntraClaims(JsonWebToken token)
    {
        var version = token.TryGetPayloadValue<string>("ver", out var ver) ? ver : null;
        var claim = version switch
        {
            null or "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (claim is null)
        {
            return ChannelAuthentication.Refused("unknown-token-version");
        }

        return token.TryGetPayloadValue<string>(claim, out var appId) && string.Equals(appId, _options.AppId, StringComparison.OrdinalIgnoreCase)
            ? new ChannelAuthentication(ChannelCaller.Emulator, null)
            : ChannelAuthentication.Refused("app-id-mismatch");
    }

    private static string ReasonFor(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not-yet-valid",
        SecurityTokenNoExpirationException => "no-expiry",
        SecurityTokenInvalidAudienceException => "wrong-audience",
        SecurityTokenInvalidIssuerException => "wrong-issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm-not-rs256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "bad-signature",
        _ => "invalid-token",
    };

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "A request to /api/messages was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>Named HttpClients of the Bot Connector side.</summary>
public static class HttpClientNames
{
    public const string OpenIdMetadata = "openid-metadata";
    public const string Login = "bot-login";
    public const string Connector = "bot-connector";
}

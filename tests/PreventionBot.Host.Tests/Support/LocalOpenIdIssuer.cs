using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PreventionBot.Host.Tests.Support;

/// <summary>
/// Plays Microsoft's side of Bot Framework authentication on a loopback HTTPS port with a certificate and RSA keys
/// generated for the test: the Bot Connector's OpenID metadata and keys (with channel endorsements), the Entra ID
/// metadata and keys the Emulator's tokens are checked against, and the login service's client-credentials token
/// endpoint the bot calls for its outbound tokens. It mints channel and Emulator tokens, good and bad.
/// </summary>
public sealed class LocalOpenIdIssuer : IAsyncDisposable
{
    public const string AppId = "6f1c2f0e-6f52-4b2c-9d7e-0a1b2c3d4e5f";
    public const string AppPassword = "test-app-password";
    public const string TenantId = "11111111-2222-4333-8444-555555555555";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";

    /// <summary>The channel key endorsed for the usual channels.</summary>
    public const string ChannelKeyId = "channel-key-1";

    /// <summary>A channel key endorsed for Slack only.</summary>
    public const string SlackOnlyKeyId = "slack-only-key";

    public const string EntraKeyId = "entra-key-1";

    private static readonly string[] Rs256Only = ["RS256"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (RsaSecurityKey Key, string[]? Endorsements)> _channelKeys = new();
    private readonly ConcurrentDictionary<string, RsaSecurityKey> _entraKeys = new();
    private int _tokenCounter;

    private LocalOpenIdIssuer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public string ChannelMetadataUrl => BaseUrl + "/channel/.well-known/openidconfiguration";

    public string EntraMetadataUrl => BaseUrl + "/entra/.well-known/openid-configuration";

    public string LoginUrl => BaseUrl + "/botframework.com";

    /// <summary>Every form posted to the token endpoint, in order.</summary>
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();

    private int _channelMetadataRequests;
    private int _failNextTokenRequests;

    public int ChannelMetadataRequests => Volatile.Read(ref _channelMetadataRequests);

    /// <summary>The next this-many token requests fail with 503 (the login service is having a bad minute).</summary>
    public int FailNextTokenRequests
    {
        get => Volatile.Read(ref _failNextTokenRequests);
        set => Volatile.Write(ref _failNextTokenRequests, value);
    }

    public string LastIssuedToken { get; private set; } = string.Empty;

    public static async Task<LocalOpenIdIssuer> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var issuer = new LocalOpenIdIssuer(app, certificate);
        issuer.AddChannelKey(ChannelKeyId, ["msteams", "webchat", "directline", "emulator", "test"]);
        issuer.AddChannelKey(SlackOnlyKeyId, ["slack"]);
        issuer._entraKeys[EntraKeyId] = NewKey(EntraKeyId);

        app.MapGet("/channel/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref issuer._channelMetadataRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = ChannelIssuer,
                ["jwks_uri"] = issuer.BaseUrl + "/channel/keys",
                ["id_token_signing_alg_values_supported"] = Rs256Only,
            });
        });
        app.MapGet("/channel/keys", () => Results.Text(KeySet(issuer._channelKeys.Select(k => (k.Key, k.Value.Key, k.Value.Endorsements))), "application/json"));
        app.MapGet("/entra/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
            ["jwks_uri"] = issuer.BaseUrl + "/entra/keys",
        }));
        app.MapGet("/entra/keys", () => Results.Text(KeySet(issuer._entraKeys.Select(k => (k.Key, k.Value, (string[]?)null))), "application/json"));
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            fields["tenant"] = (string)context.Request.RouteValues["tenant"]!;
            issuer.TokenRequests.Enqueue(fields);
            if (Interlocked.Decrement(ref issuer._failNextTokenRequests) >= 0)
            {
                return Results.Json(new { error = "temporarily_unavailable", error_description = "try later" }, statusCode: 503);
            }

            issuer.LastIssuedToken = "outbound-token-" + Interlocked.Increment(ref issuer._tokenCounter);
            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = issuer.LastIssuedToken,
            });
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer.BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return issuer;
    }

    /// <summary>Publishes a new channel key (a key rollover).</summary>
    public void AddChannelKey(string keyId, string[]? endorsements) => _channelKeys[keyId] = (NewKey(keyId), endorsements);

    /// <summary>Settings that point the bot at this issuer, as a test host would set them.</summary>
    public Dictionary<string, string?> BotSettings(string appType = "MultiTenant") => new()
    {
        ["MicrosoftAppType"] = appType,
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = appType == "UserAssignedMSI" ? null : AppPassword,
        ["MicrosoftAppTenantId"] = appType == "MultiTenant" ? null : TenantId,
        ["ToBotFromChannelOpenIdMetadataUrl"] = ChannelMetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = EntraMetadataUrl,
        ["ToChannelFromBotLoginUrl"] = appType == "SingleTenant" ? BaseUrl + "/" + TenantId : LoginUrl,
        ["ValidateAuthority"] = "false",
        ["Bot:ReplyRetryDelayMilliseconds"] = "20",
    };

    /// <summary>
    /// The bot's HTTP clients trust this issuer's certificate (it is not in the machine's store), and wait for it longer
    /// than the bot waits for Microsoft's: on a two-core CI machine running the whole suite, a loopback TLS fetch from
    /// this issuer once took over the production 10 s and a refused-token test got the 503 for unreachable keys instead
    /// of its 401. The production timeout is not what these tests are about.
    /// </summary>
    public void TrustIn(IServiceCollection services)
    {
        foreach (var name in new[] { "openid-metadata", "bot-login" })
        {
            services.AddHttpClient(name)
                .ConfigureHttpClient(client => client.Timeout = TimeSpan.FromSeconds(60))
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == Certificate.Thumbprint,
                });
        }
    }

    /// <summary>A channel token as the Bot Connector issues it.</summary>
    public string ChannelToken(
        string serviceUrl,
        string keyId = ChannelKeyId,
        string issuer = ChannelIssuer,
        string audience = AppId,
        DateTime? notBefore = null,
        DateTime? expires = null) =>
        Sign(keyId, _channelKeys.TryGetValue(keyId, out var known) ? known.Key : NewKey(keyId), issuer, audience, notBefore, expires,
            new Dictionary<string, object> { ["serviceurl"] = serviceUrl });

    /// <summary>An Entra ID token as the Emulator gets one with the bot's credentials (v1: appid; v2: azp).</summary>
    public string EmulatorToken(string version = "1.0", string issuer = EmulatorIssuerV1, string appId = AppId, string audience = AppId) =>
        Sign(EntraKeyId, _entraKeys[EntraKeyId], issuer, audience, null, null, new Dictionary<string, object>
        {
            ["ver"] = version,
            [version == "2.0" ? "azp" : "appid"] = appId,
            ["tid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db",
        });

    /// <summary>A token signed with a key this issuer never published.</summary>
    public static string TokenFromUnknownKey(string serviceUrl) =>
        Sign("never-published", NewKey("never-published"), ChannelIssuer, AppId, null, null, new Dictionary<string, object> { ["serviceurl"] = serviceUrl });

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise perfect claims.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url("""{"alg":"none","typ":"JWT","kid":"channel-key-1"}""");
        var payload = Base64Url(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = ChannelIssuer,
            ["aud"] = AppId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(30).ToUnixTimeSeconds(),
        }));
        return header + "." + payload + ".";
    }

    /// <summary>A token signed with HMAC using the channel key's public modulus as the secret (the classic algorithm-confusion forgery).</summary>
    public string HmacToken(string serviceUrl)
    {
        var modulus = _channelKeys[ChannelKeyId].Key.Rsa.ExportParameters(false).Modulus!;
        var credentials = new SigningCredentials(new SymmetricSecurityKey(modulus) { KeyId = ChannelKeyId }, SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ChannelIssuer,
            Audience = AppId,
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = credentials,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
        foreach (var key in _channelKeys.Values)
        {
            key.Key.Rsa.Dispose();
        }

        foreach (var key in _entraKeys.Values)
        {
            key.Rsa.Dispose();
        }
    }

    private static string Sign(string keyId, RsaSecurityKey key, string issuer, string audience, DateTime? notBefore, DateTime? expires, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        var nbf = notBefore ?? now.AddMinutes(-1);
        var exp = expires ?? now.AddMinutes(60);
        var signingKey = new RsaSecurityKey(key.Rsa) { KeyId = keyId };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = nbf,
            IssuedAt = nbf,
            Expires = exp,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string KeySet(IEnumerable<(string KeyId, RsaSecurityKey Key, string[]? Endorsements)> keys)
    {
        var list = keys.Select(k =>
        {
            var parameters = k.Key.Rsa.ExportParameters(false);
            var jwk = new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = k.KeyId,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
            };
            if (k.Endorsements is not null)
            {
                jwk["endorsements"] = k.Endorsements;
            }

            return jwk;
        });
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = list.ToList() });
    }

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}

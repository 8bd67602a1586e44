using System.Net;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Authentication;

/// <summary>
/// The inbound half of Bot Framework authentication, against a local OpenID issuer with generated keys: a valid
/// channel token is accepted and its reply goes out with the bot's own token; every way a token can be wrong is a 401
/// with nothing sent anywhere.
/// </summary>
public sealed class ChannelAuthenticationTests
{
    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_reply_carries_a_token_from_the_login_service()
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        var activity = bot.Message("hello", channelId: "msteams", conversationId: "19:abc@thread.v2");

        using var response = await bot.PostAsync(activity, bot.Issuer.ChannelToken(activity.ServiceUrl!));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await bot.Channel.WaitForAsync(1);
        Assert.Equal("/v3/conversations/19%3Aabc%40thread.v2/activities/" + activity.Id, received[0].Path);
        Assert.Equal("Bearer " + bot.Issuer.LastIssuedToken, bot.Channel.Authorizations.First());
        var login = Assert.Single(bot.Issuer.TokenRequests);
        Assert.Equal("client_credentials", login["grant_type"]);
        Assert.Equal(LocalOpenIdIssuer.AppId, login["client_id"]);
        Assert.Equal(LocalOpenIdIssuer.AppPassword, login["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", login["scope"]);
        Assert.Equal("botframework.com", login["tenant"]);
    }

    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "expired", "expired" },
        { "not yet valid", "not-yet-valid" },
        { "wrong audience", "wrong-audience" },
        { "wrong issuer", "unknown-issuer" },
        { "unknown key", "unknown-signing-key" },
        { "key not endorsed for the channel", "key-not-endorsed-for-channel" },
        { "serviceUrl mismatch", "serviceurl-mismatch" },
        { "alg none", "algorithm-not-rs256" },
        { "HS256 with the public key", "algorithm-not-rs256" },
        { "tampered payload", "bad-signature" },
        { "not a JWT", "malformed-token" },
        { "Emulator token for another app", "app-id-mismatch" },
        { "Emulator token from another tenant", "unknown-issuer" },
        { "Emulator token for another audience", "wrong-audience" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_bad_token_is_401_and_nothing_is_sent(string problem, string reason)
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        var activity = bot.Message();
        var serviceUrl = activity.ServiceUrl!;
        var issuer = bot.Issuer;
        var now = DateTime.UtcNow;
        var token = problem switch
        {
            "expired" => issuer.ChannelToken(serviceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "not yet valid" => issuer.ChannelToken(serviceUrl, notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            "wrong audience" => issuer.ChannelToken(serviceUrl, audience: "00000000-1111-2222-3333-444444444444"),
            "wrong issuer" => issuer.ChannelToken(serviceUrl, issuer: "https://api.botframework.com.evil.example"),
            "unknown key" => LocalOpenIdIssuer.TokenFromUnknownKey(serviceUrl),
            "key not endorsed for the channel" => issuer.ChannelToken(serviceUrl, keyId: LocalOpenIdIssuer.SlackOnlyKeyId),
            "serviceUrl mismatch" => issuer.ChannelToken("https://smba.trafficmanager.net/emea/"),
            "alg none" => LocalOpenIdIssuer.UnsignedToken(serviceUrl),
            "HS256 with the public key" => issuer.HmacToken(serviceUrl),
            "tampered payload" => Tamper(issuer.ChannelToken(serviceUrl)),
            "not a JWT" => "a.b!",
            "Emulator token for another app" => issuer.EmulatorToken("2.0", LocalOpenIdIssuer.EmulatorIssuerV2, appId: "00000000-1111-2222-3333-444444444444"),
            "Emulator token from another tenant" => issuer.EmulatorToken("2.0", "https://login.microsoftonline.com/99999999-2222-4333-8444-555555555555/v2.0"),
            "Emulator token for another audience" => issuer.EmulatorToken("1.0", audience: "https://graph.microsoft.com"),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        using var response = await bot.PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains(bot.App.LogLines, line => line.Contains("was refused: " + reason, StringComparison.Ordinal));
        await Task.Delay(200);
        Assert.Equal(0, bot.Channel.Calls);
        Assert.Empty(bot.Issuer.TokenRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    public async Task A_missing_or_non_bearer_authorization_header_is_401(string? header)
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(bot.Message(), PreventionBot.Protocol.ProtocolJson.Default.Activity),
        };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("1.0", LocalOpenIdIssuer.EmulatorIssuerV1)]
    [InlineData("2.0", LocalOpenIdIssuer.EmulatorIssuerV2)]
    public async Task Emulator_tokens_with_the_bots_app_id_are_accepted(string version, string issuer)
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        var activity = bot.Message(channelId: "emulator");

        using var response = await bot.PostAsync(activity, bot.Issuer.EmulatorToken(version, issuer));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await bot.Channel.WaitForAsync(1);
    }

    [Fact]
    public async Task A_single_tenant_bot_accepts_its_own_tenants_tokens_and_logs_in_to_that_tenant()
    {
        await using var bot = await AuthenticatedBot.StartAsync("SingleTenant");
        var activity = bot.Message(channelId: "emulator");
        var tenantIssuer = $"https://login.microsoftonline.com/{LocalOpenIdIssuer.TenantId}/v2.0";

        using var response = await bot.PostAsync(activity, bot.Issuer.EmulatorToken("2.0", tenantIssuer));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await bot.Channel.WaitForAsync(1);
        Assert.Equal(LocalOpenIdIssuer.TenantId, Assert.Single(bot.Issuer.TokenRequests)["tenant"]);
    }

    [Fact]
    public async Task Signing_keys_are_cached_and_refetched_for_an_unknown_key_after_a_rollover()
    {
        var time = new PreventionBot.Host.Tests.DirectLine.ManualTimeProvider();
        await using var bot = await AuthenticatedBot.StartAsync(time: time);
        for (var i = 0; i < 3; i++)
        {
            var activity = bot.Message(conversationId: "cached-" + i);
            using var accepted = await bot.PostAsync(activity, bot.Issuer.ChannelToken(activity.ServiceUrl!));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        Assert.Equal(1, bot.Issuer.ChannelMetadataRequests);

        // The Bot Connector rolls its keys: a token signed with the new one is accepted once the cache refreshes.
        bot.Issuer.AddChannelKey("channel-key-2", ["webchat"]);
        time.Advance(TimeSpan.FromMinutes(6));
        var rolled = bot.Message(conversationId: "rolled");
        using var response = await bot.PostAsync(rolled, bot.Issuer.ChannelToken(rolled.ServiceUrl!, keyId: "channel-key-2"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, bot.Issuer.ChannelMetadataRequests);

        // Random key ids cannot make the bot fetch the metadata again and again.
        for (var i = 0; i < 5; i++)
        {
            using var unknown = await bot.PostAsync(rolled, LocalOpenIdIssuer.TokenFromUnknownKey(rolled.ServiceUrl!));
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        Assert.Equal(2, bot.Issuer.ChannelMetadataRequests);

        // A day later the keys are fetched again on schedule.
        time.Advance(TimeSpan.FromHours(25));
        using var later = await bot.PostAsync(rolled, bot.Issuer.ChannelToken(rolled.ServiceUrl!));
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(3, bot.Issuer.ChannelMetadataRequests);
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))));
        payload = payload.Replace(LocalOpenIdIssuer.AppId, "00000000-0000-0000-0000-000000000000", StringComparison.Ordinal);
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return parts[0] + "." + encoded + "." + parts[2];

        static string Pad(string s) => s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>A clock the tests move by hand (token expiry, idle conversations).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The host in memory with a known Direct Line secret and a hand-moved clock.</summary>
public static class DirectLineTestKit
{
    public const string Secret = "test-secret-0123456789";
    public const string Prefix = "/v3/directline";

    public static BotApplication CreateApp(ManualTimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = Secret,
            ["DirectLine:TokenRequestsPerClientPerMinute"] = "1000",
            ["DirectLine:TokenRequestsPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new BotApplication(all, services =>
        {
            if (time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);
            }
        });
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? bearer, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    /// <summary>A conversation started the way Web Chat does it: page token, then POST conversations with it.</summary>
    public static async Task<DirectLineConversation> StartAsync(HttpClient client)
    {
        using var tokenResponse = await client.PostAsync("/api/directline/token", null);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var page = (await tokenResponse.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation))!;
        using var start = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations", page.Token));
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var conversation = (await start.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation))!;
        Assert.Equal(page.ConversationId, conversation.ConversationId);
        return conversation;
    }

    public static StringContent Json(Activity activity) =>
        new(JsonSerializer.Serialize(activity, DirectLineJson.Default.Activity), Encoding.UTF8, "application/json");

    public static Activity UserMessage(string text, string clientActivityId = "client-1") => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "plain",
        Locale = "en-GB",
        From = new ChannelAccount { Id = "r_tester", Role = "user" },
        ChannelData = JsonDocument.Parse($$"""{"clientActivityID":"{{clientActivityId}}"}""").RootElement.Clone(),
    };

    public static Activity Join(string language = "en-GB") => new()
    {
        Type = ActivityTypes.Event,
        Name = "webchat/join",
        Locale = language,
        From = new ChannelAccount { Id = "r_tester", Role = "user" },
        Value = JsonDocument.Parse($$"""{"language":"{{language}}"}""").RootElement.Clone(),
        ChannelData = JsonDocument.Parse("""{"clientActivityID":"join-1"}""").RootElement.Clone(),
    };

    public static async Task<string> PostAsync(HttpClient client, DirectLineConversation conversation, Activity activity)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations/{conversation.ConversationId}/activities", conversation.Token, Json(activity)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, DirectLineJson.Default.ResourceResponse)!.Id!;
    }

    public static async Task<ActivitySet> GetActivitiesAsync(HttpClient client, DirectLineConversation conversation, string watermark = "")
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities?watermark={watermark}", conversation.Token));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, DirectLineJson.Default.ActivitySet)!;
    }

    /// <summary>Asserts the status and the Direct Line error body, and returns the error code.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var error = JsonSerializer.Deserialize(body, DirectLineJson.Default.ErrorResponse)?.Error;
        Assert.NotNull(error);
        Assert.False(string.IsNullOrEmpty(error.Code), body);
        Assert.False(string.IsNullOrEmpty(error.Message), body);
        return error.Code!;
    }

    public static string? Topic(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("topic", out var topic) ? topic.GetString() : null;

    public static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("clientActivityID", out var id) ? id.GetString() : null;
}

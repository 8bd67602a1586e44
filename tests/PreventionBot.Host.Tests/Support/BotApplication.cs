using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;
using PreventionBot.Host.Tests.Browser;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.Support;

/// <summary>
/// The real host in memory, with memory storage unless a test names a SQLite file, and every log event
/// (at every level) captured so privacy tests can search them.
/// </summary>
public class BotApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public BotApplication()
        : this(null, null)
    {
    }

    public BotApplication(Action<IServiceCollection> services)
        : this(null, services)
    {
    }

    public BotApplication(Dictionary<string, string?>? settings, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "memory",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        _services = services;
    }

    private static readonly Lazy<(BotContent Content, IntentRouter Router, ConversationCues Cues)> SharedContent = new(() =>
    {
        var dialogs = Path.Combine(KestrelBotHost.RepositoryRoot(), "dialogs");
        var content = ContentLoader.Load(dialogs);
        var router = IntentRouter.Load(dialogs);
        return (content, router, ConversationCues.Load(dialogs, content, router.Languages));
    });

    public ConcurrentQueue<string> LogLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(LogLines));
        });

        // Every host here reads the same dialogs/, and training the classifier is the slowest part of a start (seconds on two
        // cores). The built content is immutable and shared by all turns in production too, so the hosts share one.
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(SharedContent.Value.Content);
            services.AddSingleton(SharedContent.Value.Router);
            services.AddSingleton(SharedContent.Value.Cues);
        });
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public static Activity Message(string text, string conversationId = "conv-1", string locale = "en-GB", string id = "a1") => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Text = text,
        Locale = locale,
        ChannelId = "test",
        ServiceUrl = "http://localhost:1",
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount { Id = "user-1", Role = "user" },
        Recipient = new ChannelAccount { Id = "bot-1", Role = "bot" },
        Conversation = new ConversationAccount { Id = conversationId },
    };

    public static Activity ConversationStart(string conversationId = "conv-1", string? locale = "en-GB") => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = "cu-1",
        Locale = locale,
        ChannelId = "test",
        ServiceUrl = "http://localhost:1",
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount { Id = "user-1" },
        Recipient = new ChannelAccount { Id = "bot-1" },
        Conversation = new ConversationAccount { Id = conversationId },
        MembersAdded = [new ChannelAccount { Id = "user-1" }, new ChannelAccount { Id = "bot-1" }],
    };

    /// <summary>Posts with expectReplies and returns the replies; fails on anything but 200.</summary>
    public static async Task<IList<Activity>> ExchangeAsync(HttpClient client, Activity activity)
    {
        using var response = await client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Default.Activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, ProtocolJson.Default.ExpectedReplies)!.Activities;
    }

    public static string TopicOf(Activity activity) => activity.ChannelData!.Value.GetProperty("topic").GetString()!;

    public static string ReplyOf(Activity activity) => activity.ChannelData!.Value.GetProperty("reply").GetString()!;

    /// <summary>The speaker role the bot understood, or "unknown" when it has not worked it out.</summary>
    public static string RoleOf(Activity activity) =>
        activity.ChannelData!.Value.TryGetProperty("role", out var role) ? role.GetString()! : "unknown";
}

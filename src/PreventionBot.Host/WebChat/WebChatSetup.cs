namespace PreventionBot.Host.WebChat;

/// <summary>The browser experience: Direct Line 3.0, the chat page, the embed script. (Filled in by issue 4.)</summary>
public static class WebChatSetup
{
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication UseWebChat(this WebApplication app) => app;
}

using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using PreventionBot.Host.DirectLine;
using PreventionBot.Host.Hosting;

namespace PreventionBot.Host.WebChat;

/// <summary>
/// The browser channel: Direct Line 3.0 (<c>/v3/directline</c>), the page token (<c>/api/directline/token</c>), the
/// chat page (<c>/</c>, <c>/chat</c>), the embed (<c>/embed.js</c>, <c>/demo</c>) and the static files under wwwroot
/// (the Web Chat bundle is copied to wwwroot/webchat/ by the build from the botframework-webchat package's tarball).
/// </summary>
public static class WebChatSetup
{
    public static IServiceCollection AddWebChatChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section));
        services.AddOptions<WebChatOptions>()
            .Bind(configuration.GetSection(WebChatOptions.Section))
            .Validate(o => Uri.TryCreate(o.QuickExitUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp),
                "WebChat:QuickExitUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddSingleton<DirectLineTokens>();
        services.AddTranscriptStore();

        // The page token endpoint's limits, under their Direct Line names (docs/embedding.md).
        services.AddOptions<RequestLimitOptions>().Configure<IOptions<DirectLineOptions>>((limits, directLine) =>
        {
            limits.NewChatsPerClientPerMinute = directLine.Value.TokenRequestsPerClientPerMinute;
            limits.NewChatsPerMinute = directLine.Value.TokenRequestsPerMinute;
        });

        // CORS only matters for partner pages that talk to Direct Line themselves (DirectLine:AllowedOrigins); with no
        // origins configured the policy allows none, i.e. same-origin only. Web Chat needs X-Requested-With (rxjs adds it).
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
                .WithOrigins([.. directLine.Value.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o))])
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent", "X-Requested-With")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        return services;
    }

    public static WebApplication MapWebChatChannel(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseCors();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                if (file.Context.Request.Path.Equals("/embed.js", StringComparison.OrdinalIgnoreCase))
                {
                    // Partner pages load this one file from their own origin.
                    headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                }
            },
        });
        app.MapDirectLine();
        app.MapPageToken();
        app.MapChatPages();
        return app;
    }
}

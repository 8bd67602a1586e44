using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PreventionBot.Host.DirectLine;
using PreventionBot.Protocol.DirectLine;

namespace PreventionBot.Host.WebChat;

/// <summary>
/// <c>POST /api/directline/token</c>: the chat page's way in. It creates a Direct Line conversation and answers with a
/// token for that conversation only, so the page never sees the secret. Same-origin only (browsers' Origin and
/// Sec-Fetch-Site headers are checked) and rate-limited.
/// </summary>
internal static class PageTokenEndpoint
{
    public const string Route = "/api/directline/token";
    public const string PerClientPolicy = "directline-token-per-client";

    /// <summary>
    /// Two limits, both token buckets refilled each minute: one per client and one for everyone together.
    /// The per-client key is an HMAC of the client's address (an IPv6 address is cut to its /64, which one household
    /// or phone usually holds) under a random salt made at start and kept only in memory: the limiter never holds an
    /// address, the key cannot be reversed or linked across restarts, and nothing is logged. Behind a reverse proxy
    /// every client shares the proxy's address; configure forwarded headers there, or rely on the global bucket.
    /// </summary>
    public static IServiceCollection AddPageTokenRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "60";
                await DirectLineResults.Error(StatusCodes.Status429TooManyRequests, DirectLineErrorCodes.TooManyRequests, "Too many new chats from here. Please wait a minute and try again.")
                    .ExecuteAsync(rejected.HttpContext);
            };
            limiter.AddPolicy(PerClientPolicy, context =>
            {
                var perMinute = Math.Max(1, Settings(context).TokenRequestsPerClientPerMinute);
                return RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => Bucket(perMinute));
            });
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.Equals(Route, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetTokenBucketLimiter("all", _ => Bucket(Math.Max(1, Settings(context).TokenRequestsPerMinute)))
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPageToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, Issue).RequireRateLimiting(PerClientPolicy);
        return endpoints;
    }

    private static IResult Issue(HttpContext context, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!IsSameOrigin(context.Request))
        {
            return DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.BadArgument, "Tokens are only given to this site's own pages.");
        }

        return DirectLineResults.NewConversationToken(context, conversations, tokens);
    }

    /// <summary>Browsers say where a request comes from; other clients (tests, curl) send neither header.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site != "same-origin")
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static DirectLineOptions Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;

    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = perMinute,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(32);

    private static string ClientKey(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var significant = address.AddressFamily == AddressFamily.InterNetworkV6 ? bytes.AsSpan(0, 8) : bytes.AsSpan();
        return Convert.ToBase64String(HMACSHA256.HashData(Salt, significant)[..16]);
    }

    /// <summary>Used by tests: two addresses in one IPv6 /64 share a bucket.</summary>
    internal static string ClientKeyFor(IPAddress address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address;
        return ClientKey(context);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PreventionBot.Protocol.DirectLine;

namespace PreventionBot.Host.Hosting;

/// <summary>How many new chats (page tokens) one client, and everyone together, may start per minute.</summary>
public sealed class RequestLimitOptions
{
    public int NewChatsPerClientPerMinute { get; set; } = 10;

    public int NewChatsPerMinute { get; set; } = 300;
}

/// <summary>Marks an endpoint whose requests start a new chat and are limited by <see cref="RequestLimits"/>.</summary>
public sealed class NewChatLimitMetadata
{
    public static readonly NewChatLimitMetadata Instance = new();
}

/// <summary>
/// Rate limits for endpoints that start new chats: a token bucket per client, then one shared by everyone, both
/// refilled each minute. The per-client bucket is asked first, so a request it refuses never spends a token of the
/// shared bucket: one client hammering the endpoint is refused on its own and cannot use up everyone's allowance.
/// The per-client key is an HMAC of the client's address (an IPv6 address cut to its /64, which one household or
/// phone usually holds) under a random salt made at start and kept only in memory: the limiter never holds an address,
/// the key cannot be reversed or linked across restarts, and nothing is logged. Behind a reverse proxy the client's
/// address is the proxy's unless ForwardedHeaders:KnownProxies or KnownNetworks name it.
/// </summary>
public static class RequestLimits
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(32);

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
                    : "60";
                await Results.Json(
                        ErrorResponse.Create(DirectLineErrorCodes.TooManyRequests, "Too many new chats from here. Please wait a minute and try again."),
                        DirectLineJson.Default.ErrorResponse,
                        statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(rejected.HttpContext);
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLimited(context)
                    ? RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => Bucket(Settings(context).NewChatsPerClientPerMinute))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLimited(context)
                    ? RateLimitPartition.GetTokenBucketLimiter("everyone", _ => Bucket(Settings(context).NewChatsPerMinute))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        });
        return services;
    }

    /// <summary>Puts an endpoint under the new-chat limits.</summary>
    public static TBuilder RequireNewChatLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(NewChatLimitMetadata.Instance);
        return builder;
    }

    /// <summary>Used by tests: two addresses in one IPv6 /64 share a bucket.</summary>
    internal static string ClientKeyFor(IPAddress address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address;
        return ClientKey(context);
    }

    private static bool IsLimited(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<NewChatLimitMetadata>() is not null;

    private static RequestLimitOptions Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;

    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = Math.Max(1, perMinute),
        TokensPerPeriod = Math.Max(1, perMinute),
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

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
}

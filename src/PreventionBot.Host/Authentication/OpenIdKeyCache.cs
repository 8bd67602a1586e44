using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PreventionBot.Host.Authentication;

/// <summary>A signing key from an OpenID metadata document, with the channels that endorse it (Bot Connector keys only).</summary>
public sealed record ChannelSigningKey(SecurityKey Key, IReadOnlySet<string>? Endorsements);

/// <summary>
/// The signing keys behind one OpenID metadata URL, cached. They are fetched on first use, again once they are older
/// than <see cref="RefreshInterval"/> (the Bot Connector asks for at least daily), and again when a token names a key
/// the cache does not know, at most once per <see cref="MinimumRefreshInterval"/> so random key ids cannot make the bot
/// hammer the metadata service. A failed refresh keeps the keys it had.
/// </summary>
public sealed partial class OpenIdKeyCache(string metadataUrl, HttpClient http, TimeProvider time, ILogger logger) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);

    private const int MaxDocumentBytes = 1024 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private FrozenDictionary<string, ChannelSigningKey>? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public string MetadataUrl => metadataUrl;

    public void Dispose() => _gate.Dispose();

    /// <summary>The key with this id, or null when the metadata (even freshly fetched) has none.</summary>
    /// <exception cref="KeysUnavailableException">No keys could ever be fetched.</exception>
    public async Task<ChannelSigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = _keys;
        var now = time.GetUtcNow();
        if (keys is null || now - _fetchedAt > RefreshInterval)
        {
            keys = await RefreshAsync(force: keys is null, cancellationToken);
        }

        if (keys is not null && keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        // An unknown key: perhaps the service rolled its keys since the last fetch.
        keys = await RefreshAsync(force: false, cancellationToken);
        return keys is not null && keys.TryGetValue(keyId, out key) ? key : null;
    }

    private async Task<FrozenDictionary<string, ChannelSigningKey>?> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (!force && now - _lastAttempt < MinimumRefreshInterval)
            {
                return _keys;
            }

            _lastAttempt = now;
            try
            {
                _keys = await FetchAsync(cancellationToken);
                _fetchedAt = now;
                LogRefreshed(logger, _keys.Count);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or ArgumentException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, e.GetType().Name);
                if (_keys is null)
                {
                    throw new KeysUnavailableException();
                }
            }

            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FrozenDictionary<string, ChannelSigningKey>> FetchAsync(CancellationToken cancellationToken)
    {
        using var metadata = await GetJsonAsync(metadataUrl, cancellationToken);
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : null;
        if (!BotAuthenticationOptions.IsSecureUrl(jwksUri))
        {
            throw new InvalidOperationException("The OpenID metadata has no usable jwks_uri.");
        }

        using var keysDocument = await GetJsonAsync(jwksUri!, cancellationToken);
        var keySet = new JsonWebKeySet(keysDocument.RootElement.GetRawText());
        var endorsements = EndorsementsByKeyId(keysDocument.RootElement);
        var keys = new Dictionary<string, ChannelSigningKey>(StringComparer.Ordinal);
        foreach (var key in keySet.Keys)
        {
            if (!string.IsNullOrEmpty(key.Kid) && key.Kty == JsonWebAlgorithmsKeyTypes.RSA && !keys.ContainsKey(key.Kid))
            {
                keys[key.Kid] = new ChannelSigningKey(key, endorsements.GetValueOrDefault(key.Kid));
            }
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Dictionary<string, IReadOnlySet<string>> EndorsementsByKeyId(JsonElement root)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind == JsonValueKind.Object
                && key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                result.TryAdd(kid.GetString()!, list.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToFrozenSet(StringComparer.Ordinal));
            }
        }

        return result;
    }

    private async Task<JsonDocument> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new InvalidOperationException("The OpenID document is too large.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxDocumentBytes)
            {
                throw new InvalidOperationException("The OpenID document is too large.");
            }
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Channel signing keys refreshed: {Count} keys")]
    private static partial void LogRefreshed(ILogger logger, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Refreshing channel signing keys failed with {ExceptionType}; the keys already held stay in use")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}

/// <summary>No signing keys could be fetched at all: the bot cannot tell a valid token from a forged one.</summary>
public sealed class KeysUnavailableException : Exception
{
    public KeysUnavailableException()
        : base("No signing keys could be fetched.")
    {
    }

    public KeysUnavailableException(string message)
        : base(message)
    {
    }

    public KeysUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

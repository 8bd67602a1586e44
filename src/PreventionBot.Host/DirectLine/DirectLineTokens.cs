using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// Issues and checks conversation tokens: <c>base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload)))</c>
/// with payload <c>v1|conversationId|expiresUnixSeconds</c>. The key is derived from the secret (HKDF), so a token
/// never reveals the secret and a token for one conversation cannot be turned into one for another.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Version = "v1";
    private static readonly byte[] KeyInfo = Encoding.ASCII.GetBytes("PreventionBot Direct Line token key v1");

    private readonly byte[] _key;
    private readonly byte[] _secretHash;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var secret = string.IsNullOrWhiteSpace(settings.Secret)
            ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))
            : settings.Secret;
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secretBytes, 32, salt: [], info: KeyInfo);
        _secretHash = SHA256.HashData(secretBytes);
        _time = time;
        _lifetime = settings.TokenLifetime;
    }

    public TimeSpan Lifetime => _lifetime;

    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    public string Issue(string conversationId)
    {
        var expires = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{Version}|{conversationId}|{expires}")));
        return payload + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>What an Authorization header (or a stream URL's <c>t</c>) grants.</summary>
    public Credential Check(string? bearer)
    {
        if (string.IsNullOrEmpty(bearer))
        {
            return Credential.Missing;
        }

        var presented = Encoding.UTF8.GetBytes(bearer);
        if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), _secretHash))
        {
            return new Credential(CredentialKind.Secret, null);
        }

        var dot = bearer.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != bearer.LastIndexOf('.') || bearer.Length > 512)
        {
            return Credential.Invalid;
        }

        // Anything a client sends must give "invalid", never an exception: Base64Url's Try… methods still throw on
        // characters outside the alphabet, so decode with the status-returning overload instead.
        var payload = bearer[..dot];
        Span<byte> mac = stackalloc byte[64];
        if (!TryDecode(bearer.AsSpan(dot + 1), mac, out var macLength)
            || !CryptographicOperations.FixedTimeEquals(mac[..macLength], Sign(payload)))
        {
            return Credential.Invalid;
        }

        // Signed by us, so well-formed; checked anyway.
        Span<byte> decoded = stackalloc byte[384];
        if (!TryDecode(payload, decoded, out var payloadLength))
        {
            return Credential.Invalid;
        }

        var parts = Encoding.UTF8.GetString(decoded[..payloadLength]).Split('|');
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return Credential.Invalid;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() >= expires
            ? new Credential(CredentialKind.Expired, parts[1])
            : new Credential(CredentialKind.Token, parts[1]);
    }

    private static bool TryDecode(ReadOnlySpan<char> source, Span<byte> destination, out int written)
    {
        written = 0;
        return source.Length > 0
            && Base64Url.DecodeFromChars(source, destination, out var consumed, out written) == OperationStatus.Done
            && consumed == source.Length;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));
}

public enum CredentialKind
{
    Missing,
    Invalid,
    Expired,
    Secret,
    Token,
}

/// <summary>A checked credential; <see cref="ConversationId"/> is the one conversation a token is bound to.</summary>
public readonly record struct Credential(CredentialKind Kind, string? ConversationId)
{
    public static Credential Missing => new(CredentialKind.Missing, null);

    public static Credential Invalid => new(CredentialKind.Invalid, null);

    /// <summary>True when this credential may act on <paramref name="conversationId"/>.</summary>
    public bool Grants(string conversationId) =>
        Kind == CredentialKind.Secret || (Kind == CredentialKind.Token && string.Equals(ConversationId, conversationId, StringComparison.Ordinal));
}

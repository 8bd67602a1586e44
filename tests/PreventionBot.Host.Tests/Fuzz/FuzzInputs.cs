using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace PreventionBot.Host.Tests.Fuzz;

/// <summary>One generated request: what is sent, and a short description FsCheck prints when a case fails.</summary>
public sealed record FuzzRequest(string Description, byte[] Body, string? ContentType, string? Authorization, string? ForwardedFor, string PathSuffix)
{
    public override string ToString() =>
        $"{Description} | content-type={Describe(ContentType)} | auth={Describe(Authorization)} | path+={Describe(PathSuffix)} | body[{Body.Length}]={Describe(Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 160))))}";

    private static string Describe(string? value) => value is null ? "(none)" : JsonSerializer.Serialize(value.Length > 120 ? value[..120] + "…" : value);
}

/// <summary>
/// Generators of hostile input: random and mutated activity JSON, deep nesting, huge strings, invalid UTF-8, control,
/// right-to-left and zero-width characters, wrong types, and hostile headers and tokens.
/// </summary>
public static class FuzzInputs
{
    private static readonly string[] HostileStrings =
    [
        string.Empty, " ", "hello", "#self-help", "#country/CA", "#", "#../../etc/passwd", "I want to end my life",
        "\u202Eevil\u202C", "\u200B\u200C\u200D\u2060\uFEFF", "\u0000\u0001\u0007\u001B[31m\u007F", "\r\n\r\nX-Injected: 1",
        "\uD800", "\uDFFF\uD800", "\uFFFE\uFFFF", "👨‍👩‍👧‍👦🏳️‍🌈", "ｈｅｌｌｏ", "h\u0435llo", "<script>alert(1)</script>", "{{placeholder}}",
        "%00%2e%2e%2f", "' OR 1=1 --", "${jndi:ldap://x}", "\\u0000", new string('\u0301', 500), "مرحبا بالعالم", "שלום",
    ];

    private static readonly string[] ActivityFields =
    [
        "type", "id", "text", "locale", "channelId", "serviceUrl", "deliveryMode", "from", "recipient", "conversation",
        "membersAdded", "membersRemoved", "value", "name", "channelData", "entities", "attachments", "suggestedActions",
        "replyToId", "timestamp", "localTimestamp", "textFormat", "inputHint", "code", "valueType", "__proto__", "constructor",
    ];

    private static readonly string[] ActivityTypes = ["message", "conversationUpdate", "event", "typing", "invoke", "deleteUserData", "endOfConversation", "Message", "", "unknownType"];

    public static Gen<string> HostileString =>
        Gen.Frequency(
            (6, Gen.Elements(HostileStrings)),
            (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)),
            (2, Gen.Choose(0, 6000).Select(n => new string('x', n))),
            (1, Gen.Choose(20_000, 70_000).Select(n => string.Concat(Enumerable.Repeat("\u200B\u202Ea", n / 3)))));

    /// <summary>A JSON value of any type, sometimes deeply nested.</summary>
    public static Gen<JsonNode?> AnyJson =>
        Gen.Frequency(
            (3, HostileString.Select(s => (JsonNode?)JsonValue.Create(s))),
            (2, Gen.Elements<JsonNode?>(null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(1e308), JsonValue.Create(true))),
            (1, Gen.Choose(1, 200).Select(depth => Nested(depth))),
            (1, Gen.Constant<JsonNode?>(new JsonArray(JsonValue.Create("a"), null, new JsonObject()))),
            (1, HostileString.Select(s => (JsonNode?)new JsonObject { ["id"] = s, ["role"] = s })));

    /// <summary>Bodies for an activity endpoint: valid, mutated, broken, and not JSON at all.</summary>
    public static Gen<(string Description, byte[] Body)> ActivityBody(Func<JsonObject> valid) =>
        Gen.Frequency(
            (3, Gen.Constant(0).Select(_ => ("valid", Bytes(valid())))),
            (6, Mutations(valid).Select(m => ("mutated", Bytes(m)))),
            (2, Mutations(valid).SelectMany(m => Gen.Choose(0, 100).Select(p => ("truncated", Truncate(Bytes(m), p))))),
            (2, Mutations(valid).SelectMany(m => Gen.Elements(InvalidUtf8).Select(bad => ("invalid UTF-8", Splice(Bytes(m), bad))))),
            (1, Gen.Choose(1, 20_000).Select(depth => ("deep nesting", Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth))))),
            (1, Gen.Choose(65, 5_000).Select(depth => ("deep channelData", Encoding.UTF8.GetBytes(
                "{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"test\",\"conversation\":{\"id\":\"deep\"},\"from\":{\"id\":\"u\"},\"deliveryMode\":\"expectReplies\",\"channelData\":"
                + new string('[', depth) + new string(']', depth) + "}")))),
            (1, Gen.Choose(240_000, 300_000).Select(n => ("huge", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('a', n) + "\"}")))),
            (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(bytes => ("random bytes", bytes))),
            (1, Gen.Elements("", "null", "[]", "{}", "\"string\"", "42", "true", "{\"type\":{}}", "{\"type\":\"message\",\"type\":\"event\"}", "\uFEFF{}", "{\"a\":1}garbage")
                .Select(s => ("odd JSON", Encoding.UTF8.GetBytes(s)))));

    public static Gen<string?> ContentType =>
        Gen.Frequency(
            (8, Gen.Constant<string?>("application/json")),
            (2, Gen.Elements<string?>("application/json; charset=utf-8", "application/activity+json", "APPLICATION/JSON")),
            (2, Gen.Elements<string?>(null, "", "text/plain", "application/jsonfoo", "application/json; charset=no-such-charset", "application/json; charset=utf-16",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json;;;", "*/*", "application/+json", "\u00e9/\u00e9")));

    /// <summary>Authorization headers that are wrong in every way a token can be.</summary>
    public static Gen<string?> HostileAuthorization =>
        Gen.Frequency(
            (2, Gen.Elements<string?>(null, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer x", "Bearer a.b!", "Bearer a.b==", "Bearer a.b.c", "Bearer ...",
                "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.", "Bearer " + new string('A', 20_000), "Bearer \u00e9t\u00e9.\u00e9t\u00e9")),
            (2, Gen.Two(Base64UrlSegment).Select(t => (string?)("Bearer " + t.Item1 + "." + t.Item2))),
            (2, Gen.Three(Base64UrlSegment).Select(t => (string?)("Bearer " + t.Item1 + "." + t.Item2 + "." + t.Item3))),
            (1, JwtHeaderWith.Select(h => (string?)("Bearer " + h + ".eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoieCJ9.c2ln"))),
            (1, HostileString.Select(s => (string?)("Bearer " + s))));

    public static Gen<string?> ForwardedFor =>
        Gen.Frequency(
            (6, Gen.Constant<string?>(null)),
            (1, Gen.Elements<string?>("203.0.113.1", "::1", "not-an-ip", "1.2.3.4, 5.6.7.8, 9.10.11.12", "999.999.999.999", "[::ffff:1.2.3.4]:80", new string(',', 1000))));

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80, 0x80], [0xFE, 0xFF],
    ];

    private static Gen<string> Base64UrlSegment =>
        Gen.Frequency(
            (3, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_'))),
            (1, Gen.ArrayOf(Gen.Elements("A", "z", "0", "-", "_", "=", "!", "+", "/", "%", ".", "\u00e9")).Select(parts => string.Concat(parts))));

    private static Gen<string> JwtHeaderWith =>
        Gen.Elements("""{"alg":"none"}""", """{"alg":"HS256","kid":"channel-key-1"}""", """{"alg":"RS256"}""", """{"alg":"RS256","kid":""}""",
                """{"alg":"RS256","kid":"../../etc/passwd"}""", """{"alg":["RS256"]}""", """{"alg":"RS256","kid":123}""", "not json", """{"alg":"ES256","kid":"k"}""")
            .Select(h => Convert.ToBase64String(Encoding.UTF8.GetBytes(h)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    private static Gen<JsonObject> Mutations(Func<JsonObject> valid) =>
        Gen.Choose(1, 4).SelectMany(count => Gen.ArrayOf(Mutation, count)).Select(mutations =>
        {
            var activity = valid();
            foreach (var mutate in mutations)
            {
                mutate(activity);
            }

            return activity;
        });

    private static Gen<Action<JsonObject>> Mutation =>
        Gen.Frequency(
            (3, Gen.Elements(ActivityFields).SelectMany(name => AnyJson.Select(value => (Action<JsonObject>)(a => a[name] = value)))),
            (2, Gen.Elements(ActivityFields).Select(name => (Action<JsonObject>)(a => a.Remove(name)))),
            (2, Gen.Elements(ActivityTypes).Select(type => (Action<JsonObject>)(a => a["type"] = type))),
            (2, HostileString.Select(text => (Action<JsonObject>)(a => a["text"] = text))),
            (1, HostileString.Select(id => (Action<JsonObject>)(a => a["conversation"] = new JsonObject { ["id"] = id }))),
            (1, HostileString.Select(locale => (Action<JsonObject>)(a => a["locale"] = locale))),
            (1, Gen.Elements<Action<JsonObject>>(
                a => a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "u" }, new JsonObject(), null),
                a => a["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = "bot-1" }, ["text"] = "" }),
                a => a["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "data:," }),
                a => a["value"] = new JsonObject { ["language"] = new JsonArray() },
                a => a["name"] = "webchat/join",
                a => a["name"] = "preventionbot/delete-conversation",
                a => a["deliveryMode"] = "notification",
                a => a["serviceUrl"] = "http://169.254.169.254/latest/meta-data",
                a => a["serviceUrl"] = "http://127.0.0.1:9/?q=1#f",
                a => a["from"] = new JsonObject { ["id"] = new string('u', 200) })));

    private static JsonNode? Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    private static byte[] Bytes(JsonObject activity) =>
        Encoding.UTF8.GetBytes(activity.ToJsonString(new JsonSerializerOptions { MaxDepth = 1024 }));

    private static byte[] Truncate(byte[] body, int percent) => body[..(body.Length * percent / 100)];

    private static byte[] Splice(byte[] body, byte[] bad)
    {
        // Inside the first string value, where a decoder has to look at it.
        var at = Array.IndexOf(body, (byte)'"', Math.Min(body.Length - 1, 10));
        at = at < 0 ? body.Length / 2 : at + 1;
        return [.. body[..at], .. bad, .. body[at..]];
    }
}

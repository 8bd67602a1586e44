using System.Security.Cryptography;

namespace PreventionBot.Host.Hosting;

/// <summary>
/// Headers on every response: no sniffing, no referrer (a prevention service must not tell the next site where the
/// user came from), no powerful features, and by default a CSP that allows nothing and no framing. The HTML pages
/// replace the CSP with their own.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = DefaultPolicy;
        return next(context);
    }

    /// <summary>A fresh CSP nonce for one page.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}

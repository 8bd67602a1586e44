namespace PreventionBot.Protocol.DirectLine;

/// <summary>Direct Line's error body: <c>{"error":{"code":"BadArgument","message":"…"}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorDetail? Error { get; set; }

    public static ErrorResponse Create(string code, string message) => new() { Error = new ErrorDetail { Code = code, Message = message } };
}

public sealed class ErrorDetail
{
    /// <summary>Stable; clients may branch on it. See <see cref="DirectLineErrorCodes"/>.</summary>
    public string? Code { get; set; }

    /// <summary>For people; may change.</summary>
    public string? Message { get; set; }
}

/// <summary>The error codes this implementation uses (a subset of the Direct Line service's).</summary>
public static class DirectLineErrorCodes
{
    public const string BadArgument = "BadArgument";
    public const string BadSyntax = "BadSyntax";
    public const string MissingProperty = "MissingProperty";
    public const string TokenExpired = "TokenExpired";
    public const string NotFound = "NotFound";
    public const string TooManyRequests = "TooManyRequests";
    public const string BotError = "BotError";
    public const string ServiceError = "ServiceError";
}

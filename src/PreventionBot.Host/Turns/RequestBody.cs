using System.Buffers;

namespace PreventionBot.Host.Turns;

/// <summary>Reads a request body up to a limit, whether or not the client sent Content-Length.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    /// <exception cref="BadHttpRequestException">The client sent a short, slow or malformed body (not 413).</exception>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        try
        {
            return await ReadUpToAsync(request, limit, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel enforces its own MaxRequestBodySize while a chunked body is read; the caller answers 413 its way.
            return null;
        }
    }

    private static async Task<byte[]?> ReadUpToAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var rented = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == rented.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(rented.Length * 2, limit + 1));
                    rented.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = larger;
                }

                var read = await request.Body.ReadAsync(rented.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }

            return rented.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

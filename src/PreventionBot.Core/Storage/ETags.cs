namespace PreventionBot.Core.Storage;

/// <summary>
/// New versions for stored state. Random rather than counting up: after "delete this conversation" a counter would
/// start again at 1, and a turn that loaded version 1 before the delete could then overwrite the new conversation
/// with the deleted one's state. A random 63-bit value never matches by accident in practice, across hosts too.
/// </summary>
internal static class ETags
{
    public static long Next() => Random.Shared.NextInt64(1, long.MaxValue);
}

using System.Security.Cryptography;
using System.Text;

namespace PreventionBot.Core.Conversation;

/// <summary>
/// Store keys are hashes of (channel, conversation id): the store never holds an id a channel could link
/// back to a user, and ids of any length or alphabet become a fixed-size key.
/// </summary>
public static class ConversationKeys
{
    public static string Create(string channelId, string conversationId)
    {
        var input = Encoding.UTF8.GetBytes(channelId + "\n" + conversationId);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }
}

using System.Collections.Concurrent;

namespace PreventionBot.Host.Turns;

/// <summary>
/// Teams' suggested actions can only be imBack: pressing one sends its title as the user's message. This remembers the
/// titles the host has shown as imBack buttons and the value each stands for, so such a message is understood as the
/// button press it is. A title shown with two different values is ambiguous and never mapped. Bounded: titles come
/// from the content, so the map stops growing long before its cap.
/// </summary>
public sealed class ButtonTitles
{
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, string?> _values = new(StringComparer.Ordinal);

    public void Remember(string title, string value)
    {
        if (_values.Count >= Capacity && !_values.ContainsKey(title))
        {
            return;
        }

        _values.AddOrUpdate(title, value, (_, existing) => existing == value ? existing : null);
    }

    /// <summary>The value of the button with exactly this title, when there is exactly one.</summary>
    public string? ValueOf(string? text) =>
        text is not null && _values.TryGetValue(text.Trim(), out var value) ? value : null;
}

using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using PreventionBot.Host.Turns;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// One Direct Line conversation: its activity list (bounded by count and size, and by the budget of all transcripts
/// together, <see cref="TranscriptBudget"/>; the oldest are dropped), the
/// watermark (the sequence number of the last activity), and at most one WebSocket subscriber. Activity ids are
/// <c>&lt;conversationId&gt;|0000001</c>, …; timestamps strictly increase so Web Chat orders them as sent.
/// Each activity is kept as the UTF-8 JSON that GET activities and the WebSocket send, serialised once when it is
/// appended: one byte array per activity rather than an object graph of strings and lists several times its size,
/// and the sizes the budgets count are the bytes held.
/// </summary>
public sealed class DirectLineTranscript
{
    /// <summary>What an entry costs besides its JSON: the byte array's object header and length, and its queue slot.</summary>
    internal const int EntryOverheadBytes = 48;

    private readonly Lock _gate = new();
    private readonly Queue<Entry> _entries = new();
    private readonly int _maxActivities;
    private readonly int _maxBytes;
    private readonly TimeProvider _time;
    private readonly TranscriptBudget? _budget;
    private long _lastSequence;
    private int _bytes;
    private DateTimeOffset _lastTimestamp;
    private long _lastUsedTicks;
    private int _started;
    private bool _closed;
    private StreamSubscriber? _subscriber;

    public DirectLineTranscript(string id, DirectLineOptions options, TimeProvider time, TranscriptBudget? budget = null)
    {
        Id = id;
        _budget = budget;
        _maxActivities = Math.Max(10, options.MaxActivitiesPerConversation);
        _maxBytes = Math.Max(10_000, options.MaxTranscriptChars);
        _time = time;
        Touch(time.GetUtcNow());
    }

    public string Id { get; }

    /// <summary>Turns in one conversation run one at a time, in the order they were posted.</summary>
    public SemaphoreSlim TurnLock { get; } = new(1, 1);

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public long Watermark
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    /// <summary>True the first time only: <c>POST conversations</c> answers 201 once, then 200.</summary>
    public bool MarkStarted() => Interlocked.Exchange(ref _started, 1) == 0;

    /// <summary>Gives the activity its id and timestamp, stores it and pushes it to the stream. Returns the sequence number.</summary>
    public long Append(Activity activity)
    {
        lock (_gate)
        {
            var sequence = ++_lastSequence;
            // Timestamps go out with millisecond precision, so compare at that precision.
            var now = _time.GetUtcNow();
            now = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
            _lastTimestamp = now > _lastTimestamp ? now : _lastTimestamp.AddMilliseconds(1);
            activity.Id = IdFor(sequence);
            activity.Timestamp = WireTime.Format(_lastTimestamp);

            var json = JsonSerializer.SerializeToUtf8Bytes(activity, DirectLineJson.Default.Activity);
            var size = SizeOf(json);
            _entries.Enqueue(new Entry(sequence, json));
            _bytes += size;
            Budget?.Add(size);
            while (_entries.Count > _maxActivities || (_bytes > _maxBytes && _entries.Count > 1)
                || (Budget is { IsOver: true } && _entries.Count > TranscriptBudget.KeptWhenOver))
            {
                DropOldest();
            }

            _subscriber?.Send(ActivitySetJson.Write([json], sequence));
            return sequence;
        }
    }

    /// <summary>Activities after <paramref name="watermark"/> (each as its JSON) and the new watermark; null for a
    /// watermark this conversation never gave out.</summary>
    public (List<byte[]> Activities, long Watermark)? After(long watermark)
    {
        lock (_gate)
        {
            return watermark < 0 || watermark > _lastSequence ? null : (Snapshot(watermark), _lastSequence);
        }
    }

    /// <summary>Drops every activity before <paramref name="sequence"/> (the user asked to delete the conversation).</summary>
    public void ForgetBefore(long sequence)
    {
        lock (_gate)
        {
            while (_entries.TryPeek(out var oldest) && oldest.Sequence < sequence)
            {
                DropOldest();
            }
        }
    }

    /// <summary>
    /// Attaches a WebSocket: the activities after <paramref name="watermark"/> are queued for it first, then every new
    /// one. A previous subscriber is closed ("collision"), as Direct Line allows one stream per conversation.
    /// </summary>
    public bool Subscribe(StreamSubscriber subscriber, long watermark)
    {
        StreamSubscriber? previous;
        lock (_gate)
        {
            if (watermark < 0 || watermark > _lastSequence)
            {
                return false;
            }

            previous = _subscriber;
            _subscriber = subscriber;
            var replay = Snapshot(watermark);
            if (replay.Count > 0)
            {
                subscriber.Send(ActivitySetJson.Write(replay, _lastSequence));
            }
        }

        previous?.Complete("collision");
        return true;
    }

    public void Unsubscribe(StreamSubscriber subscriber)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_subscriber, subscriber))
            {
                _subscriber = null;
            }
        }
    }

    /// <summary>The conversation is gone: close its stream and drop the activities.</summary>
    public void Close()
    {
        StreamSubscriber? subscriber;
        lock (_gate)
        {
            subscriber = _subscriber;
            _subscriber = null;
            _entries.Clear();
            Budget?.Add(-_bytes);
            _bytes = 0;
            _closed = true;
        }

        subscriber?.Complete("conversation ended");
    }

    /// <summary>Activities kept now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Bytes held now, as counted against the budgets (for tests and diagnostics).</summary>
    public int Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public string IdFor(long sequence) => IdFor(Id, sequence);

    /// <summary>What an activity stored as <paramref name="json"/> counts against the budgets.</summary>
    internal static int SizeOf(byte[] json) => json.Length + EntryOverheadBytes;

    /// <summary>An activity's id: the conversation's id and the activity's sequence number, as the Direct Line service makes them.</summary>
    internal static string IdFor(string conversationId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{sequence:D7}");

    /// <summary>The shared budget, until the conversation is closed: a late append to a closed one is not counted.</summary>
    private TranscriptBudget? Budget => _closed ? null : _budget;

    private void DropOldest()
    {
        var size = SizeOf(_entries.Dequeue().Json);
        _bytes -= size;
        Budget?.Add(-size);
    }

    private List<byte[]> Snapshot(long watermark)
    {
        var activities = new List<byte[]>();
        foreach (var entry in _entries)
        {
            if (entry.Sequence > watermark)
            {
                activities.Add(entry.Json);
            }
        }

        return activities;
    }

    private readonly record struct Entry(long Sequence, byte[] Json);
}

/// <summary>The queue between a transcript and one WebSocket. A client too slow to keep up is disconnected and reconnects with its watermark.</summary>
public sealed class StreamSubscriber
{
    private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<byte[]> Frames => _frames.Reader;

    public string? CloseReason { get; private set; }

    public void Send(byte[] frame)
    {
        if (!_frames.Writer.TryWrite(frame))
        {
            Complete("too slow");
        }
    }

    public void Complete(string reason)
    {
        CloseReason ??= reason;
        _frames.Writer.TryComplete();
    }
}

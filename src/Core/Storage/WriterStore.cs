using System.Data.Common;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Core.Sending;
using Dashboard.Core.Storage.PostgreSql;
using Dashboard.Core.Storage.Sqlite;
using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Storage;

/// <summary>
/// The seam between the single writer and the database (ADR-009): <see cref="MessageWriter"/> keeps the state rules
/// and calls these operations inside its group-commit transaction; which values each one binds is written here once,
/// and the SQL of each provider is in its folder (<see cref="SqliteWriterSql"/>, <see cref="PostgreSqlWriterSql"/>),
/// run by that provider's store. The schema is EF Core's (see <see cref="DashboardDb"/>); times are UTC ticks, enums
/// integers, on both providers.
/// </summary>
internal abstract partial class WriterStore(WriterSql sql) : IDisposable
{
    private readonly Dictionary<RollupKey, RollupDelta> _rollups = [];
    private readonly Dictionary<LatencyKey, long> _latency = [];

    /// <summary>
    /// The state of recently written messages, so most callbacks skip the lookup. On SQLite the writer is the only
    /// writer of these columns; on PostgreSQL another instance may be one too, so the store fills it per batch under
    /// the batch's locks (<see cref="PrepareBatch"/>). Emptied when a transaction rolls back (it may hold
    /// uncommitted state) and when it grows large.
    /// </summary>
    private readonly Dictionary<string, ExistingMessage> _recent = new(StringComparer.Ordinal);
    private long _recentBytes;

    /// <summary>Messages the batch's lookup found absent (PostgreSQL): no second lookup for them.</summary>
    protected HashSet<string> KnownAbsent { get; } = new(StringComparer.Ordinal);

    /// <summary>The most messages <see cref="_recent"/> holds: at 1,000 new messages a second, over three minutes of them.</summary>
    internal const int MaxRecent = 200_000;

    /// <summary>
    /// The most memory <see cref="_recent"/> holds, estimated from its strings (<see cref="SizeOf"/>): callbacks with
    /// long attribute values must not make the cache outgrow what a node is sized for (README, "Deploying").
    /// </summary>
    internal const long MaxRecentBytes = 48L * 1024 * 1024;

    /// <summary>The ids of the conversations upserted so far, by (our number, contact, channel).</summary>
    private readonly Dictionary<ConversationKey, long> _conversations = [];

    /// <summary>The most conversation ids kept; past it the map starts again (a miss costs one read of the upsert's answer).</summary>
    internal const int MaxConversations = 50_000;

    internal int RecentCount => _recent.Count;

    internal long RecentBytes => _recentBytes;

    /// <summary>Opens the configured provider's store on a connection of its own.</summary>
    public static WriterStore Open(StorageOptions options) => options.Provider switch
    {
        StorageProvider.PostgreSql => new PostgreSqlWriterStore(options.ConnectionString),
        _ => SqliteWriterStore.Open(options),
    };

    /// <summary>Starts the batch's transaction (reconnecting first when the connection was lost).</summary>
    public abstract DbTransaction Begin();

    /// <summary>
    /// Called after <see cref="Begin"/> with the messages the batch will touch and its webhooks' signature receipts, in
    /// the batch's order (null where an item has none). Records the receipts' nonces in the batch's transaction and
    /// returns, for each receipt, whether it is admitted: true for a new nonce and for one seen before with the same
    /// fingerprint (Plivo retrying the same request, which the duplicate rules then count once); false for a nonce seen
    /// before with other parameters, a replay to be refused (ADR-002), judged as if the receipts came one by one. Where
    /// several writers share the database, the store also makes the batch their only writer of those messages until it
    /// commits (ADR-009), and may read up front what the batch's statements would otherwise each ask in a round trip.
    /// </summary>
    public abstract bool[] PrepareBatch(IReadOnlyCollection<string> uuids, IReadOnlyList<WebhookReceipt?> receipts, DateTime now);

    public ExistingMessage? FindMessage(string uuid)
    {
        if (_recent.TryGetValue(uuid, out var known))
        {
            return known;
        }

        return KnownAbsent.Contains(uuid) ? null : QuerySingle(sql.FindMessage, row => ReadExisting(row, 0), ("uuid", uuid));
    }

    /// <summary>Reads the columns of <see cref="WriterSql.FindMessage"/> from <paramref name="first"/> on.</summary>
    protected static ExistingMessage ReadExisting(IRowReader row, int first) => new(row.GetInt64(first), row.GetNullableInt64(first + 1), new MessageRow
    {
        Direction = (MessageDirection)row.GetInt32(first + 2),
        Type = (MessageType)row.GetInt32(first + 3),
        State = (MessageState)row.GetInt32(first + 4),
        LastSequence = row.GetNullableInt32(first + 5),
        Units = row.GetNullableInt32(first + 6),
        TotalAmount = row.GetNullableInt64(first + 7),
        ErrorCode = row.GetNullableString(first + 8),
        Mcc = row.GetNullableString(first + 9),
        Mnc = row.GetNullableString(first + 10),
        CountryIso2 = row.GetNullableString(first + 11),
        ConversationOrigin = row.GetNullableString(first + 12),
        PowerpackUuid = row.GetNullableString(first + 13),
        MessageTime = UtcDateTimeConverter.FromDb(row.GetInt64(first + 14)),
        QueuedTime = Time(row.GetNullableInt64(first + 15)),
        SentTime = Time(row.GetNullableInt64(first + 16)),
        DeliveryReportTime = Time(row.GetNullableInt64(first + 17)),
        FromNumber = row.GetNullableString(first + 18),
    });

    public long InsertMessageFromCallback(StatusCallback cb, MessageRow row, long? conversationId, DateTime now) =>
        InsertMessage(sql.InsertMessageFromCallback,
            ("uuid", cb.MessageUuid), ("direction", (int)row.Direction), ("type", (int)row.Type), ("state", (int)row.State),
            ("seq", row.LastSequence), ("from", cb.From), ("to", cb.To), ("units", row.Units), ("rate", cb.TotalRate),
            ("amount", row.TotalAmount), ("error", row.ErrorCode), ("mcc", row.Mcc), ("mnc", row.Mnc),
            ("country", row.CountryIso2), ("powerpack", row.PowerpackUuid), ("convId", cb.PlivoConversationId),
            ("convOrigin", row.ConversationOrigin), ("convExpires", Ticks(cb.ConversationExpiresAt)),
            ("messageTime", Ticks(row.MessageTime)), ("queued", Ticks(row.QueuedTime)), ("sent", Ticks(row.SentTime)),
            ("dlr", Ticks(row.DeliveryReportTime)), ("now", Ticks(now)), ("ip", cb.RequesterIp), ("parent", cb.ParentMessageUuid), ("part", cb.PartInfo),
            ("conversation", conversationId));

    /// <summary>
    /// Writes the merged columns and fills the rest: stage times as <see cref="StageTimes"/> says, other attributes
    /// follow the callback that is applied.
    /// </summary>
    public void UpdateMessageFromCallback(long id, StatusCallback cb, MessageRow old, MessageRow merged, bool applied, DateTime now)
    {
        var times = StageTimes.Of(cb, now, applied);
        var stateChanged = merged.State != old.State;
        var errorChanged = merged.ErrorCode != old.ErrorCode;
        List<(string, object?)> values = [("id", id)];
        if (stateChanged)
        {
            values.Add(("state", (int)merged.State));
        }

        if (errorChanged)
        {
            values.Add(("error", merged.ErrorCode));
        }

        values.AddRange(
        [
            ("seq", merged.LastSequence), ("units", merged.Units), ("amount", merged.TotalAmount), ("mcc", merged.Mcc),
            ("mnc", merged.Mnc), ("country", merged.CountryIso2), ("convOrigin", merged.ConversationOrigin),
            ("powerpack", merged.PowerpackUuid), ("applied", applied), ("rate", cb.TotalRate), ("convId", cb.PlivoConversationId),
            ("convExpires", Ticks(cb.ConversationExpiresAt)),
            ("queued", Ticks(times.Queued)), ("sent", Ticks(times.Sent)), ("dlr", Ticks(times.DeliveryReport)),
            ("ip", cb.RequesterIp), ("parent", cb.ParentMessageUuid), ("part", cb.PartInfo), ("now", Ticks(now)),
        ]);
        Execute(sql.UpdateMessageFromCallback(stateChanged, errorChanged), [.. values]);
    }

    public long InsertInboundMessage(InboundMessage m, MessageRow row, string? intent, long conversationId, DateTime now) =>
        InsertMessage(sql.InsertInboundMessage,
            ("uuid", m.MessageUuid), ("direction", (int)row.Direction), ("type", (int)row.Type), ("state", (int)row.State),
            ("from", m.From), ("to", m.To), ("text", m.Text), ("units", row.Units), ("rate", m.TotalRate),
            ("amount", row.TotalAmount), ("error", row.ErrorCode), ("country", row.CountryIso2), ("powerpack", row.PowerpackUuid),
            ("now", Ticks(now)), ("contentType", m.ContentType), ("mimeType", m.MimeType), ("intent", intent),
            ("context", m.ContextMessageUuid), ("buttonText", m.ButtonText), ("buttonPayload", m.ButtonPayload),
            ("mediaCount", Math.Max(m.MediaCount, m.Media.Count)), ("conversation", conversationId));

    /// <summary>
    /// Gives a message stored without its sender (a Powerpack send) the number a callback names, and puts it in that
    /// number's conversation with its contact; returns the conversation's id.
    /// </summary>
    public long AttachSender(long id, string from, MessageType type, DateTime messageTime)
    {
        var (to, text, mediaCount) = QuerySingle(sql.AttachSender,
                row => (To: row.GetNullableString(0) ?? "", Text: row.GetNullableString(1), MediaCount: row.GetInt32(2)),
                ("id", id), ("from", from))
            ?? throw new InvalidOperationException($"Message {id} is not stored.");
        var conversationId = UpsertConversation(from, to, type, messageTime, MessageContent.Preview(text, mediaCount), inbound: false);
        Execute(sql.SetInboxConversation, ("id", id), ("conversation", conversationId));
        return conversationId;
    }

    public void FillOutboundDetails(long id, OutboundMessage m, DateTime now) =>
        Execute(sql.FillOutboundDetails,
            ("id", id), ("text", m.Text), ("log", m.Log), ("to", m.To), ("powerpack", m.PowerpackUuid),
            ("mediaCount", m.MediaUrls.Count), ("now", Ticks(now)));

    public void InsertMedia(long messageId, int index, string url, string? contentType) =>
        Execute(sql.InsertMedia, ("message", messageId), ("index", index), ("url", url), ("contentType", contentType));

    /// <summary>
    /// Inserts a timeline event; returns true when it had been seen before (its repeat is counted instead). The unique
    /// (message, sequence, state) key decides atomically, whichever writer comes first.
    /// </summary>
    public bool InsertEvent(long messageId, MessageEventKind kind, MessageState state, int? sequence, string? errorCode,
        DateTime now, bool applied, string raw)
    {
        (string, object?)[] values =
        [
            ("message", messageId), ("kind", (int)kind), ("state", (int)state), ("seq", sequence), ("error", errorCode),
            ("now", Ticks(now)), ("applied", applied), ("raw", raw),
        ];
        if (TakeEvent(messageId, sequence, state) is { } seenBefore)
        {
            Execute(sql.InsertEvent, values);
            return seenBefore;
        }

        return ExecuteInt64(sql.InsertEvent, values) > 0;
    }

    /// <summary>
    /// Inserts a timeline event unless the same (message, sequence, state) is stored already; unlike
    /// <see cref="InsertEvent"/> it never counts a repeat (a replayed callback is not Plivo sending it again, ADR-013).
    /// </summary>
    public void InsertEventOnce(long messageId, MessageEventKind kind, MessageState state, int? sequence, string? errorCode,
        DateTime now, bool applied, string raw)
    {
        // Stored after this either way: a store that knows the batch's events counts it as stored from now on.
        TakeEvent(messageId, sequence, state);
        Execute(sql.InsertEventOnce,
            ("message", messageId), ("kind", (int)kind), ("state", (int)state), ("seq", sequence), ("error", errorCode),
            ("now", Ticks(now)), ("applied", applied), ("raw", raw));
    }

    public void CountInboundRepeat(long messageId, DateTime now) =>
        Execute(sql.CountInboundRepeat, ("message", messageId), ("kind", (int)MessageEventKind.Inbound), ("now", Ticks(now)));

    /// <summary>
    /// Creates or advances the inbox conversation of (our number, contact, channel) in one upsert; returns its id. A
    /// conversation's id never changes (none is ever deleted), so once known it is not read again: the upsert is then
    /// sent without waiting for its answer.
    /// </summary>
    public long UpsertConversation(string ourNumber, string contactNumber, MessageType type, DateTime at, string? preview, bool inbound)
    {
        var key = new ConversationKey(Numbering.NormalizeNumber(ourNumber), Numbering.NormalizeNumber(contactNumber),
            type == MessageType.WhatsApp ? ConversationChannel.WhatsApp : ConversationChannel.Sms);
        (string, object?)[] values =
        [
            ("our", key.Our), ("contact", key.Contact), ("channel", (int)key.Channel), ("at", Ticks(at)), ("preview", preview),
            ("inbound", inbound), ("unread", inbound ? 1 : 0), ("inboundAt", inbound ? Ticks(at) : null),
        ];
        if (_conversations.TryGetValue(key, out var known))
        {
            Execute(sql.UpsertConversation, values);
            return known;
        }

        if (_conversations.Count >= MaxConversations)
        {
            _conversations.Clear();
        }

        var id = ExecuteInt64(sql.UpsertConversation, values);
        _conversations[key] = id;
        return id;
    }

    public void UpdateConversationPreview(long? conversationId, DateTime messageTime, string? preview)
    {
        if (conversationId is null || preview is null)
        {
            return;
        }

        Execute(sql.UpdateConversationPreview, ("id", conversationId), ("preview", preview), ("at", Ticks(messageTime)));
    }

    /// <summary>Records an opt-out or opt-in; an older change than the stored one leaves it (one conditional upsert).</summary>
    public void UpsertOptOut(string ourNumber, string contactNumber, bool optedOut, string reason, DateTime now) =>
        Execute(sql.UpsertOptOut,
            ("our", Numbering.NormalizeNumber(ourNumber)), ("contact", Numbering.NormalizeNumber(contactNumber)),
            ("out", optedOut), ("now", Ticks(now)), ("reason", reason));

    /// <summary>
    /// Marks a conversation read as its viewer saw it (<paramref name="seenMessageCount"/> messages): true when its unread
    /// count went to zero; false when it had none, or a message came since, whose count stays.
    /// </summary>
    public bool MarkConversationRead(long conversationId, int seenMessageCount) =>
        QuerySingle(sql.MarkConversationRead, row => row.GetInt64(0), ("id", conversationId), ("seen", seenMessageCount)) is not null;

    /// <summary>Forgets submission keys claimed before <paramref name="forgetBefore"/>, then claims <paramref name="key"/>: true when it was free.</summary>
    public bool ClaimSubmission(string key, DateTime now, DateTime forgetBefore)
    {
        Execute(sql.ForgetOldSubmissions, ("before", Ticks(forgetBefore)));
        return QuerySingle(sql.ClaimSubmission, row => row.GetInt64(0),
            ("key", key), ("state", (int)SendSubmissionState.Pending), ("now", Ticks(now))) is not null;
    }

    public void FinishSubmission(string key, SendSubmissionState state, string? result, string? error, DateTime now) =>
        Execute(sql.FinishSubmission, ("key", key), ("state", (int)state), ("result", result), ("error", error), ("now", Ticks(now)));

    public void ForgetSubmission(string key) => Execute(sql.ForgetSubmission, ("key", key));

    /// <summary>
    /// Forgets nonces older than <paramref name="cutoff"/>, at most <paramref name="limit"/> of them; returns how many.
    /// Rows come in time order, so only the oldest <paramref name="limit"/> by Id are looked at: no index on SeenAt,
    /// and a table of fresh nonces costs nothing to check.
    /// </summary>
    public int TrimNonces(DateTime cutoff, int limit) =>
        ExecuteCountingChanges(sql.TrimNonces, ("limit", limit), ("cutoff", Ticks(cutoff)));

    /// <summary>Records what was just written for <see cref="FindMessage"/>.</summary>
    public void Remember(string uuid, ExistingMessage message)
    {
        KnownAbsent.Remove(uuid);
        var size = SizeOf(uuid, message.Row);
        if (_recent.TryGetValue(uuid, out var old))
        {
            _recentBytes -= SizeOf(uuid, old.Row);
        }
        else if (_recent.Count >= MaxRecent || _recentBytes + size > MaxRecentBytes)
        {
            // Cleared at once rather than evicted one by one: a miss costs one indexed lookup, and this keeps Remember O(1).
            ForgetRecent();
        }

        _recent[uuid] = message;
        _recentBytes += size;
    }

    /// <summary>
    /// Forgets what a rolled-back batch left in memory: its rollup deltas, the states it remembered and the conversation
    /// ids it learnt (a conversation it created is gone with it).
    /// </summary>
    public virtual void Discard()
    {
        _rollups.Clear();
        _conversations.Clear();
        _latency.Clear();
        ForgetRecent();
    }

    public abstract void Dispose();

    /// <summary>
    /// True when <paramref name="exception"/> says the database could not be reached (or dropped the connection), rather
    /// than that a write was wrong: the writer then fails the whole batch as unavailable, without retrying item by item.
    /// </summary>
    public virtual bool IsUnavailable(Exception exception) => false;

    protected void ForgetRecent()
    {
        _recent.Clear();
        _recentBytes = 0;
        KnownAbsent.Clear();
    }

    /// <summary>
    /// An estimate of what one cached message holds on the managed heap: the dictionary entry, the key, the
    /// <see cref="MessageRow"/> and its strings (object header and length, two bytes a character).
    /// </summary>
    private static long SizeOf(string uuid, MessageRow row)
    {
        static long Text(string? s) => s is null ? 0 : 24 + (2L * s.Length);

        return 48 + Text(uuid) + 152 + Text(row.ErrorCode) + Text(row.Mcc) + Text(row.Mnc) + Text(row.CountryIso2)
            + Text(row.ConversationOrigin) + Text(row.PowerpackUuid) + Text(row.FromNumber);
    }

    /// <summary>
    /// Whether the batch's store already knows if the (message, sequence, state) event is stored: true or false, and it
    /// then counts it as stored from now on; null when it does not know (the database's answer is read).
    /// </summary>
    protected virtual bool? TakeEvent(long messageId, int? sequence, MessageState state) => null;

    /// <summary>An id the store set aside for the next new message, or null where the database assigns it on insert.</summary>
    protected virtual long? ReserveMessageId() => null;

    // What each provider's store runs: SQL texts from its WriterSql, parameters by name (without the provider's prefix).
    protected abstract void Execute(string statement, params (string Name, object? Value)[] values);

    protected abstract int ExecuteCountingChanges(string statement, params (string Name, object? Value)[] values);

    /// <summary>Runs the statement and reads its first row (if any) with <paramref name="read"/>.</summary>
    protected abstract T? QuerySingle<T>(string statement, Func<IRowReader, T> read, params (string Name, object? Value)[] values)
        where T : struct;

    /// <summary>Inserts a message with a reserved id (nothing to wait for) or one the database assigns (read back).</summary>
    private long InsertMessage(string statement, params (string Name, object? Value)[] values)
    {
        var id = ReserveMessageId();
        (string, object?)[] withId = [("id", id), .. values];
        if (id is { } reserved)
        {
            Execute(statement, withId);
            return reserved;
        }

        return ExecuteInt64(statement, withId);
    }

    private long ExecuteInt64(string statement, params (string Name, object? Value)[] values) =>
        QuerySingle(statement, row => row.GetInt64(0), values) ?? throw new InvalidOperationException("The statement returned no row.");

    private static long? Ticks(DateTime? value) => value is { } v ? UtcDateTimeConverter.ToDb(v) : null;

    private readonly record struct ConversationKey(string Our, string Contact, ConversationChannel Channel);

    private static DateTime? Time(long? ticks) => ticks is { } t ? UtcDateTimeConverter.FromDb(t) : null;
}

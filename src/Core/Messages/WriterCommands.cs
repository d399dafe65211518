using System.Globalization;
using Dashboard.Core.Conversations;
using Dashboard.Core.Reports;
using Dashboard.Core.Sending;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.Data.Sqlite;

namespace Dashboard.Core.Messages;

/// <summary>The columns of a message that the state rules and the rollups look at.</summary>
internal sealed record MessageRow
{
    public MessageDirection Direction { get; init; }

    public MessageType Type { get; init; }

    public MessageState State { get; init; }

    public int? LastSequence { get; init; }

    public int? Units { get; init; }

    public long? TotalAmount { get; init; }

    public string? ErrorCode { get; init; }

    public string? Mcc { get; init; }

    public string? Mnc { get; init; }

    public string? CountryIso2 { get; init; }

    public string? ConversationOrigin { get; init; }

    public string? PowerpackUuid { get; init; }

    public DateTime MessageTime { get; init; }
}

/// <summary>A stored message as the writer finds it.</summary>
internal readonly record struct ExistingMessage(long Id, long? ConversationId, MessageRow Row);

/// <summary>
/// The writer's prepared statements, created once per connection and reused for every webhook.
/// The schema is EF Core's (see <see cref="DashboardDb"/>); times are UTC ticks, enums integers.
/// </summary>
internal sealed class WriterCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<object, RawStatement> _commands = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RollupKey, RollupDelta> _rollups = [];

    /// <summary>
    /// The state of recently written messages, so most callbacks skip the lookup: the writer is the only writer of
    /// these columns. Emptied when a transaction rolls back (it may hold uncommitted state) and when it grows large.
    /// </summary>
    private readonly Dictionary<string, ExistingMessage> _recent = new(StringComparer.Ordinal);
    private long _recentBytes;

    /// <summary>The most messages <see cref="_recent"/> holds: at 1,000 new messages a second, over three minutes of them.</summary>
    internal const int MaxRecent = 200_000;

    /// <summary>
    /// The most memory <see cref="_recent"/> holds, estimated from its strings (<see cref="SizeOf"/>): callbacks with
    /// long attribute values must not make the cache outgrow what a node is sized for (README, "Deploying").
    /// </summary>
    internal const long MaxRecentBytes = 48L * 1024 * 1024;

    internal int RecentCount => _recent.Count;

    internal long RecentBytes => _recentBytes;

    public SqliteTransaction Begin() => connection.BeginTransaction(deferred: false);

    public ExistingMessage? FindMessage(string uuid)
    {
        if (_recent.TryGetValue(uuid, out var known))
        {
            return known;
        }

        return Command("""
            SELECT Id, InboxConversationId, Direction, Type, State, LastSequence, Units, TotalAmount, ErrorCode,
                   Mcc, Mnc, CountryIso2, ConversationOrigin, PowerpackUuid, MessageTime
            FROM Messages WHERE MessageUuid = $uuid
            """, ("$uuid", uuid))
        .QuerySingle(row => new ExistingMessage(row.GetInt64(0), row.GetNullableInt64(1), new MessageRow
        {
            Direction = (MessageDirection)row.GetInt32(2),
            Type = (MessageType)row.GetInt32(3),
            State = (MessageState)row.GetInt32(4),
            LastSequence = row.GetNullableInt32(5),
            Units = row.GetNullableInt32(6),
            TotalAmount = row.GetNullableInt64(7),
            ErrorCode = row.GetNullableString(8),
            Mcc = row.GetNullableString(9),
            Mnc = row.GetNullableString(10),
            CountryIso2 = row.GetNullableString(11),
            ConversationOrigin = row.GetNullableString(12),
            PowerpackUuid = row.GetNullableString(13),
            MessageTime = UtcDateTimeConverter.FromDb(row.GetInt64(14)),
        }));
    }

    public long InsertMessageFromCallback(StatusCallback cb, MessageRow row, long? conversationId, DateTime now) =>
        Command("""
            INSERT INTO Messages (MessageUuid, Direction, Type, State, LastSequence, FromNumber, ToNumber, Units, TotalRate,
                TotalAmount, ErrorCode, Mcc, Mnc, CountryIso2, PowerpackUuid, ConversationId, ConversationOrigin,
                ConversationExpiresAt, MessageTime, QueuedTime, SentTime, DeliveryReportTime, UpdatedAt, RequesterIp,
                ParentMessageUuid, PartInfo, MediaCount, InboxConversationId)
            VALUES ($uuid, $direction, $type, $state, $seq, $from, $to, $units, $rate, $amount, $error, $mcc, $mnc, $country,
                $powerpack, $convId, $convOrigin, $convExpires, $messageTime, $queued, $sent, $dlr, $now, $ip, $parent,
                $part, 0, $conversation)
            RETURNING Id
            """,
            ("$uuid", cb.MessageUuid), ("$direction", (int)row.Direction), ("$type", (int)row.Type), ("$state", (int)row.State),
            ("$seq", row.LastSequence), ("$from", cb.From), ("$to", cb.To), ("$units", row.Units), ("$rate", cb.TotalRate),
            ("$amount", row.TotalAmount), ("$error", row.ErrorCode), ("$mcc", row.Mcc), ("$mnc", row.Mnc),
            ("$country", row.CountryIso2), ("$powerpack", row.PowerpackUuid), ("$convId", cb.ConversationId),
            ("$convOrigin", row.ConversationOrigin), ("$convExpires", Ticks(cb.ConversationExpiresAt)),
            ("$messageTime", Ticks(row.MessageTime)), ("$queued", Ticks(cb.QueuedTime ?? (cb.Status == MessageState.Queued ? now : null))),
            ("$sent", Ticks(cb.SentTime ?? (cb.Status == MessageState.Sent ? now : null))),
            ("$dlr", Ticks(cb.DeliveryReportTime ?? (MessageStateRules.IsFinal(cb.Status) && cb.Status != MessageState.Failed ? now : null))),
            ("$now", Ticks(now)), ("$ip", cb.RequesterIp), ("$parent", cb.ParentMessageUuid), ("$part", cb.PartInfo),
            ("$conversation", conversationId))
        .ExecuteInt64();

    /// <summary>
    /// The UPDATE for each combination of the indexed columns (State, ErrorCode) that change: SQLite rewrites an
    /// index entry for every indexed column named in SET, changed or not, so unchanged ones are left out.
    /// </summary>
    private static readonly string[] UpdateSql = [.. Enumerable.Range(0, 4).Select(mask => $"""
        UPDATE Messages SET {((mask & 1) != 0 ? "State = $state, " : "")}{((mask & 2) != 0 ? "ErrorCode = $error, " : "")}LastSequence = $seq,
            Units = $units, TotalAmount = $amount, Mcc = $mcc, Mnc = $mnc, CountryIso2 = $country, ConversationOrigin = $convOrigin,
            PowerpackUuid = $powerpack,
            TotalRate = CASE WHEN $applied THEN COALESCE($rate, TotalRate) ELSE COALESCE(TotalRate, $rate) END,
            ConversationId = CASE WHEN $applied THEN COALESCE($convId, ConversationId) ELSE COALESCE(ConversationId, $convId) END,
            ConversationExpiresAt = CASE WHEN $applied THEN COALESCE($convExpires, ConversationExpiresAt) ELSE COALESCE(ConversationExpiresAt, $convExpires) END,
            QueuedTime = COALESCE(QueuedTime, $queued),
            SentTime = COALESCE(SentTime, $sent),
            DeliveryReportTime = CASE WHEN $applied THEN COALESCE($dlr, DeliveryReportTime) ELSE COALESCE(DeliveryReportTime, $dlr) END,
            RequesterIp = COALESCE(RequesterIp, $ip),
            ParentMessageUuid = COALESCE(ParentMessageUuid, $parent),
            PartInfo = COALESCE(PartInfo, $part),
            UpdatedAt = $now
        WHERE Id = $id
        """)];

    /// <summary>
    /// Writes the merged columns and fills the rest: stage times keep the first value seen (or the time we
    /// heard of the stage, when Plivo left it out), other attributes follow the callback that is applied.
    /// </summary>
    public void UpdateMessageFromCallback(long id, StatusCallback cb, MessageRow old, MessageRow merged, bool applied, DateTime now)
    {
        var stateChanged = merged.State != old.State;
        var errorChanged = merged.ErrorCode != old.ErrorCode;
        List<(string, object?)> values = [("$id", id)];
        if (stateChanged)
        {
            values.Add(("$state", (int)merged.State));
        }

        if (errorChanged)
        {
            values.Add(("$error", merged.ErrorCode));
        }

        values.AddRange(
        [
            ("$seq", merged.LastSequence), ("$units", merged.Units), ("$amount", merged.TotalAmount), ("$mcc", merged.Mcc),
            ("$mnc", merged.Mnc), ("$country", merged.CountryIso2), ("$convOrigin", merged.ConversationOrigin),
            ("$powerpack", merged.PowerpackUuid), ("$applied", applied), ("$rate", cb.TotalRate), ("$convId", cb.ConversationId),
            ("$convExpires", Ticks(cb.ConversationExpiresAt)),
            ("$queued", Ticks(cb.QueuedTime ?? (cb.Status == MessageState.Queued ? now : null))),
            ("$sent", Ticks(cb.SentTime ?? (cb.Status == MessageState.Sent ? now : null))),
            ("$dlr", Ticks(cb.DeliveryReportTime ?? (applied && MessageStateRules.IsFinal(cb.Status) && cb.Status != MessageState.Failed ? now : null))),
            ("$ip", cb.RequesterIp), ("$parent", cb.ParentMessageUuid), ("$part", cb.PartInfo), ("$now", Ticks(now)),
        ]);
        Command(UpdateSql[(stateChanged ? 1 : 0) | (errorChanged ? 2 : 0)], [.. values]).Execute();
    }

    public long InsertInboundMessage(InboundMessage m, MessageRow row, string? intent, long conversationId, DateTime now) =>
        Command("""
            INSERT INTO Messages (MessageUuid, Direction, Type, State, FromNumber, ToNumber, Text, Units, TotalRate, TotalAmount,
                ErrorCode, CountryIso2, PowerpackUuid, MessageTime, UpdatedAt, ContentType, MimeType, MessageIntent,
                ContextMessageUuid, ButtonText, ButtonPayload, MediaCount, InboxConversationId)
            VALUES ($uuid, $direction, $type, $state, $from, $to, $text, $units, $rate, $amount, $error, $country, $powerpack,
                $now, $now, $contentType, $mimeType, $intent, $context, $buttonText, $buttonPayload, $mediaCount, $conversation)
            RETURNING Id
            """,
            ("$uuid", m.MessageUuid), ("$direction", (int)row.Direction), ("$type", (int)row.Type), ("$state", (int)row.State),
            ("$from", m.From), ("$to", m.To), ("$text", m.Text), ("$units", row.Units), ("$rate", m.TotalRate),
            ("$amount", row.TotalAmount), ("$error", row.ErrorCode), ("$country", row.CountryIso2), ("$powerpack", row.PowerpackUuid),
            ("$now", Ticks(now)), ("$contentType", m.ContentType), ("$mimeType", m.MimeType), ("$intent", intent),
            ("$context", m.ContextMessageUuid), ("$buttonText", m.ButtonText), ("$buttonPayload", m.ButtonPayload),
            ("$mediaCount", Math.Max(m.MediaCount, m.Media.Count)), ("$conversation", conversationId))
        .ExecuteInt64();

    /// <summary>
    /// Gives a message stored without its sender (a Powerpack send) the number a callback names, and puts it in that
    /// number's conversation with its contact; returns the conversation's id.
    /// </summary>
    public long AttachSender(long id, string from, MessageType type, DateTime messageTime)
    {
        var (to, text, mediaCount) = Command("UPDATE Messages SET FromNumber = $from WHERE Id = $id RETURNING ToNumber, Text, MediaCount",
                ("$id", id), ("$from", from))
            .QuerySingle(row => (To: row.GetNullableString(0) ?? "", Text: row.GetNullableString(1), MediaCount: row.GetInt32(2)))
            ?? throw new InvalidOperationException($"Message {id} is not stored.");
        var conversationId = UpsertConversation(from, to, type, messageTime, MessageContent.Preview(text, mediaCount), inbound: false);
        Command("UPDATE Messages SET InboxConversationId = $conversation WHERE Id = $id", ("$id", id), ("$conversation", conversationId)).Execute();
        return conversationId;
    }

    public void FillOutboundDetails(long id, OutboundMessage m, DateTime now) =>
        Command("""
            UPDATE Messages SET Text = COALESCE(Text, $text), Log = COALESCE(Log, $log), ToNumber = $to,
                PowerpackUuid = COALESCE(PowerpackUuid, $powerpack), MediaCount = MAX(MediaCount, $mediaCount), UpdatedAt = $now
            WHERE Id = $id
            """,
            ("$id", id), ("$text", m.Text), ("$log", m.Log), ("$to", m.To), ("$powerpack", m.PowerpackUuid),
            ("$mediaCount", m.MediaUrls.Count), ("$now", Ticks(now)))
        .Execute();

    public void InsertMedia(long messageId, int index, string url, string? contentType) =>
        Command("""
            INSERT INTO MessageMedia (MessageId, "Index", Url, ContentType) VALUES ($message, $index, $url, $contentType)
            ON CONFLICT (MessageId, "Index") DO NOTHING
            """,
            ("$message", messageId), ("$index", index), ("$url", url), ("$contentType", contentType))
        .Execute();

    /// <summary>Inserts a timeline event; returns how many times it had been seen before (0 for a new event).</summary>
    public long InsertEvent(long messageId, MessageEventKind kind, MessageState state, int? sequence, string? errorCode,
        DateTime now, bool applied, string raw) =>
        Command("""
            INSERT INTO MessageEvents (MessageId, Kind, State, Sequence, ErrorCode, ReceivedAt, Repeats, Applied, RawParameters)
            VALUES ($message, $kind, $state, $seq, $error, $now, 0, $applied, $raw)
            ON CONFLICT (MessageId, Sequence, State) DO UPDATE SET Repeats = Repeats + 1
            RETURNING Repeats
            """,
            ("$message", messageId), ("$kind", (int)kind), ("$state", (int)state), ("$seq", sequence), ("$error", errorCode),
            ("$now", Ticks(now)), ("$applied", applied), ("$raw", raw))
        .ExecuteInt64();

    public void CountInboundRepeat(long messageId) =>
        Command("UPDATE MessageEvents SET Repeats = Repeats + 1 WHERE MessageId = $message AND Kind = $kind",
            ("$message", messageId), ("$kind", (int)MessageEventKind.Inbound))
        .Execute();

    /// <summary>Creates or advances the inbox conversation of (our number, contact, channel); returns its id.</summary>
    public long UpsertConversation(string ourNumber, string contactNumber, MessageType type, DateTime at, string? preview, bool inbound) =>
        Command("""
            INSERT INTO Conversations (OurNumber, ContactNumber, Channel, LastMessageAt, LastMessagePreview, LastMessageInbound,
                UnreadCount, MessageCount, LastInboundAt)
            VALUES ($our, $contact, $channel, $at, $preview, $inbound, $unread, 1, $inboundAt)
            ON CONFLICT (OurNumber, ContactNumber, Channel) DO UPDATE SET
                LastMessagePreview = CASE WHEN excluded.LastMessageAt >= LastMessageAt THEN COALESCE(excluded.LastMessagePreview, LastMessagePreview) ELSE LastMessagePreview END,
                LastMessageInbound = CASE WHEN excluded.LastMessageAt >= LastMessageAt THEN excluded.LastMessageInbound ELSE LastMessageInbound END,
                LastMessageAt = MAX(LastMessageAt, excluded.LastMessageAt),
                UnreadCount = UnreadCount + excluded.UnreadCount,
                MessageCount = MessageCount + 1,
                LastInboundAt = COALESCE(MAX(LastInboundAt, excluded.LastInboundAt), LastInboundAt, excluded.LastInboundAt)
            RETURNING Id
            """,
            ("$our", Numbering.NormalizeNumber(ourNumber)), ("$contact", Numbering.NormalizeNumber(contactNumber)),
            ("$channel", (int)(type == MessageType.WhatsApp ? ConversationChannel.WhatsApp : ConversationChannel.Sms)),
            ("$at", Ticks(at)), ("$preview", preview), ("$inbound", inbound), ("$unread", inbound ? 1 : 0),
            ("$inboundAt", inbound ? Ticks(at) : null))
        .ExecuteInt64();

    public void UpdateConversationPreview(long? conversationId, DateTime messageTime, string? preview)
    {
        if (conversationId is null || preview is null)
        {
            return;
        }

        Command("UPDATE Conversations SET LastMessagePreview = $preview WHERE Id = $id AND LastMessageAt <= $at",
            ("$id", conversationId), ("$preview", preview), ("$at", Ticks(messageTime)))
        .Execute();
    }

    public void UpsertOptOut(string ourNumber, string contactNumber, bool optedOut, string reason, DateTime now) =>
        Command("""
            INSERT INTO OptOuts (OurNumber, ContactNumber, IsOptedOut, ChangedAt, Reason) VALUES ($our, $contact, $out, $now, $reason)
            ON CONFLICT (OurNumber, ContactNumber) DO UPDATE SET IsOptedOut = excluded.IsOptedOut,
                ChangedAt = excluded.ChangedAt, Reason = excluded.Reason
            """,
            ("$our", Numbering.NormalizeNumber(ourNumber)), ("$contact", Numbering.NormalizeNumber(contactNumber)),
            ("$out", optedOut), ("$now", Ticks(now)), ("$reason", reason))
        .Execute();

    /// <summary>Forgets submission keys claimed before <paramref name="forgetBefore"/>, then claims <paramref name="key"/>: true when it was free.</summary>
    public bool ClaimSubmission(string key, DateTime now, DateTime forgetBefore)
    {
        Command("DELETE FROM SendSubmissions WHERE CreatedAt < $before", ("$before", Ticks(forgetBefore))).Execute();
        return Command("""
            INSERT INTO SendSubmissions ("Key", State, CreatedAt) VALUES ($key, $state, $now)
            ON CONFLICT ("Key") DO NOTHING
            RETURNING 1
            """,
            ("$key", key), ("$state", (int)SendSubmissionState.Pending), ("$now", Ticks(now)))
        .QuerySingle(row => row.GetInt64(0)) is not null;
    }

    public void FinishSubmission(string key, SendSubmissionState state, string? result, string? error, DateTime now) =>
        Command("UPDATE SendSubmissions SET State = $state, Result = $result, Error = $error, CompletedAt = $now WHERE \"Key\" = $key",
            ("$key", key), ("$state", (int)state), ("$result", result), ("$error", error), ("$now", Ticks(now)))
        .Execute();

    public void ForgetSubmission(string key) =>
        Command("DELETE FROM SendSubmissions WHERE \"Key\" = $key", ("$key", key)).Execute();

    /// <summary>
    /// Adds (or, with -1, removes) a message's contribution to its day's rollup rows, one per report dimension.
    /// Deltas are summed in memory and written once per batch by <see cref="FlushRollups"/>: a batch of a thousand
    /// callbacks touches a few dozen rows.
    /// </summary>
    public void AddToRollup(MessageRow row, int sign)
    {
        var day = DateOnly.FromDateTime(row.MessageTime);
        foreach (var (dimension, key) in DailyFact.KeysOf(row.Type, row.CountryIso2, row.Mcc, row.Mnc, row.ErrorCode, row.PowerpackUuid, row.ConversationOrigin))
        {
            var rollupKey = new RollupKey(day, dimension, key, row.Direction, row.State);
            _rollups.TryGetValue(rollupKey, out var delta);
            // Checked: an amount no parser should have let through must fail its write, not wrap the day's sum.
            _rollups[rollupKey] = checked(new RollupDelta(delta.Messages + sign, delta.Units + (sign * (row.Units ?? 0)), delta.Amount + (sign * (row.TotalAmount ?? 0))));
        }
    }

    /// <summary>Records what was just written for <see cref="FindMessage"/>.</summary>
    public void Remember(string uuid, ExistingMessage message)
    {
        var size = SizeOf(uuid, message.Row);
        if (_recent.TryGetValue(uuid, out var old))
        {
            _recentBytes -= SizeOf(uuid, old.Row);
        }
        else if (_recent.Count >= MaxRecent || _recentBytes + size > MaxRecentBytes)
        {
            // Cleared at once rather than evicted one by one: a miss costs one indexed lookup, and this keeps Remember O(1).
            _recent.Clear();
            _recentBytes = 0;
        }

        _recent[uuid] = message;
        _recentBytes += size;
    }

    /// <summary>
    /// An estimate of what one cached message holds on the managed heap: the dictionary entry, the key, the
    /// <see cref="MessageRow"/> and its strings (object header and length, two bytes a character).
    /// </summary>
    private static long SizeOf(string uuid, MessageRow row)
    {
        static long Text(string? s) => s is null ? 0 : 24 + (2L * s.Length);

        return 48 + Text(uuid) + 96 + Text(row.ErrorCode) + Text(row.Mcc) + Text(row.Mnc) + Text(row.CountryIso2)
            + Text(row.ConversationOrigin) + Text(row.PowerpackUuid);
    }

    /// <summary>
    /// Records a webhook's signature nonce in the same transaction as what it carried. True for a new nonce and for
    /// one seen before with the same fingerprint (Plivo retrying the same request, which the duplicate rules then count
    /// once); false for a nonce seen before with other parameters: a replay, to be refused (ADR-002).
    /// </summary>
    public bool AdmitNonce(WebhookReceipt? receipt, DateTime now) =>
        receipt is null || Command("""
            INSERT INTO WebhookNonces (Nonce, Fingerprint, SeenAt) VALUES ($nonce, $fingerprint, $now)
            ON CONFLICT (Nonce) DO UPDATE SET SeenAt = SeenAt WHERE Fingerprint = excluded.Fingerprint
            RETURNING 1
            """,
            ("$nonce", receipt.Nonce), ("$fingerprint", receipt.Fingerprint), ("$now", Ticks(now)))
        .QuerySingle(row => row.GetInt64(0)) is not null;

    /// <summary>
    /// Forgets nonces older than <paramref name="cutoff"/>, at most <paramref name="limit"/> of them; returns how many.
    /// Rows come in time order, so only the oldest <paramref name="limit"/> by Id are looked at: no index on SeenAt,
    /// and a table of fresh nonces costs nothing to check.
    /// </summary>
    public int TrimNonces(DateTime cutoff, int limit) =>
        Command("""
            DELETE FROM WebhookNonces WHERE Id <= (
                SELECT MAX(Id) FROM (SELECT Id, SeenAt FROM WebhookNonces ORDER BY Id LIMIT $limit) WHERE SeenAt < $cutoff)
            """,
            ("$limit", limit), ("$cutoff", Ticks(cutoff)))
        .ExecuteCountingChanges();

    /// <summary>Writes the batch's summed rollup deltas; call inside the transaction, before the commit.</summary>
    public void FlushRollups()
    {
        foreach (var (key, delta) in _rollups)
        {
            if (delta == default)
            {
                continue;
            }

            var integer = Command("""
                INSERT INTO DailyFacts (Day, Dimension, "Key", Direction, State, Messages, Units, Amount)
                VALUES ($day, $dimension, $key, $direction, $state, $count, $units, $amount)
                ON CONFLICT (Dimension, Day, "Key", Direction, State)
                DO UPDATE SET Messages = Messages + excluded.Messages, Units = Units + excluded.Units, Amount = Amount + excluded.Amount
                RETURNING typeof(Messages) = 'integer' AND typeof(Units) = 'integer' AND typeof(Amount) = 'integer'
                """,
                ("$day", key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$dimension", (int)key.Dimension),
                ("$key", key.Key), ("$direction", (int)key.Direction), ("$state", (int)key.State),
                ("$count", delta.Messages), ("$units", delta.Units), ("$amount", delta.Amount))
            .ExecuteInt64();
            if (integer == 0)
            {
                // SQLite turns an integer sum that overflows into a float; the transaction rolls back instead.
                throw new OverflowException($"The {key.Day:yyyy-MM-dd} rollup of {key.Dimension} '{key.Key}' would overflow a 64-bit sum.");
            }
        }

        _rollups.Clear();
    }

    /// <summary>Forgets what a rolled-back batch left in memory: its rollup deltas and the states it remembered.</summary>
    public void Discard()
    {
        _rollups.Clear();
        _recent.Clear();
    }

    /// <summary>
    /// The prepared statement for a SQL text, with <paramref name="values"/> bound. The texts are constants, so they
    /// are cached by reference, and every call site passes its values in the same order, so they bind by position.
    /// </summary>
    private RawStatement Command(string sql, params (string Name, object? Value)[] values)
    {
        if (!_commands.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(connection, sql, [.. values.Select(v => v.Name)]);
            _commands[sql] = statement;
        }

        for (var i = 0; i < values.Length; i++)
        {
            statement.Bind(i, values[i].Value);
        }

        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _commands.Values)
        {
            statement.Dispose();
        }

        _commands.Clear();
    }

    private static long? Ticks(DateTime? value) => value is { } v ? UtcDateTimeConverter.ToDb(v) : null;

    private readonly record struct RollupKey(DateOnly Day, ReportDimension Dimension, string Key, MessageDirection Direction, MessageState State);

    private readonly record struct RollupDelta(long Messages, long Units, long Amount);
}

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>The writer's statements in SQLite's dialect (<c>$name</c> parameters, times as UTC ticks, booleans 0/1).</summary>
internal sealed class SqliteWriterSql : WriterSql
{
    public static readonly SqliteWriterSql Instance = new();

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

    public override string FindMessage => """
        SELECT Id, InboxConversationId, Direction, Type, State, LastSequence, Units, TotalAmount, ErrorCode,
               Mcc, Mnc, CountryIso2, ConversationOrigin, PowerpackUuid, MessageTime, QueuedTime, SentTime,
               DeliveryReportTime, FromNumber
        FROM Messages WHERE MessageUuid = $uuid
        """;

    // $id is always null here: SQLite gives an INTEGER PRIMARY KEY set to NULL the next rowid.
    public override string InsertMessageFromCallback => """
        INSERT INTO Messages (Id, MessageUuid, Direction, Type, State, LastSequence, FromNumber, ToNumber, Units, TotalRate,
            TotalAmount, ErrorCode, Mcc, Mnc, CountryIso2, PowerpackUuid, ConversationId, ConversationOrigin,
            ConversationExpiresAt, MessageTime, QueuedTime, SentTime, DeliveryReportTime, UpdatedAt, RequesterIp,
            ParentMessageUuid, PartInfo, MediaCount, InboxConversationId)
        VALUES ($id, $uuid, $direction, $type, $state, $seq, $from, $to, $units, $rate, $amount, $error, $mcc, $mnc, $country,
            $powerpack, $convId, $convOrigin, $convExpires, $messageTime, $queued, $sent, $dlr, $now, $ip, $parent,
            $part, 0, $conversation)
        RETURNING Id
        """;

    public override string UpdateMessageFromCallback(bool state, bool error) => UpdateSql[(state ? 1 : 0) | (error ? 2 : 0)];

    public override string InsertInboundMessage => """
        INSERT INTO Messages (Id, MessageUuid, Direction, Type, State, FromNumber, ToNumber, Text, Units, TotalRate, TotalAmount,
            ErrorCode, CountryIso2, PowerpackUuid, MessageTime, UpdatedAt, ContentType, MimeType, MessageIntent,
            ContextMessageUuid, ButtonText, ButtonPayload, MediaCount, InboxConversationId)
        VALUES ($id, $uuid, $direction, $type, $state, $from, $to, $text, $units, $rate, $amount, $error, $country, $powerpack,
            $now, $now, $contentType, $mimeType, $intent, $context, $buttonText, $buttonPayload, $mediaCount, $conversation)
        RETURNING Id
        """;

    public override string AttachSender => "UPDATE Messages SET FromNumber = $from WHERE Id = $id RETURNING ToNumber, Text, MediaCount";

    public override string SetInboxConversation => "UPDATE Messages SET InboxConversationId = $conversation WHERE Id = $id";

    public override string FillOutboundDetails => """
        UPDATE Messages SET Text = COALESCE(Text, $text), Log = COALESCE(Log, $log), ToNumber = $to,
            PowerpackUuid = COALESCE(PowerpackUuid, $powerpack), MediaCount = MAX(MediaCount, $mediaCount), UpdatedAt = $now
        WHERE Id = $id
        """;

    public override string InsertMedia => """
        INSERT INTO MessageMedia (MessageId, "Index", Url, ContentType) VALUES ($message, $index, $url, $contentType)
        ON CONFLICT (MessageId, "Index") DO NOTHING
        """;

    public override string InsertEvent => """
        INSERT INTO MessageEvents (MessageId, Kind, State, Sequence, ErrorCode, ReceivedAt, Repeats, Applied, RawParameters)
        VALUES ($message, $kind, $state, $seq, $error, $now, 0, $applied, $raw)
        ON CONFLICT (MessageId, Sequence, State) DO UPDATE SET Repeats = Repeats + 1, LastReceivedAt = excluded.ReceivedAt
        RETURNING Repeats
        """;

    public override string InsertEventOnce => """
        INSERT INTO MessageEvents (MessageId, Kind, State, Sequence, ErrorCode, ReceivedAt, Repeats, Applied, RawParameters)
        VALUES ($message, $kind, $state, $seq, $error, $now, 0, $applied, $raw)
        ON CONFLICT (MessageId, Sequence, State) DO NOTHING
        """;

    public override string CountInboundRepeat =>
        "UPDATE MessageEvents SET Repeats = Repeats + 1, LastReceivedAt = $now WHERE MessageId = $message AND Kind = $kind";

    public override string UpsertConversation => """
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
        """;

    public override string UpdateConversationPreview =>
        "UPDATE Conversations SET LastMessagePreview = $preview WHERE Id = $id AND LastMessageAt <= $at";

    public override string UpsertOptOut => """
        INSERT INTO OptOuts (OurNumber, ContactNumber, IsOptedOut, ChangedAt, Reason) VALUES ($our, $contact, $out, $now, $reason)
        ON CONFLICT (OurNumber, ContactNumber) DO UPDATE SET IsOptedOut = excluded.IsOptedOut,
            ChangedAt = excluded.ChangedAt, Reason = excluded.Reason
        WHERE excluded.ChangedAt >= ChangedAt
        """;

    public override string MarkConversationRead =>
        "UPDATE Conversations SET UnreadCount = 0 WHERE Id = $id AND UnreadCount > 0 AND MessageCount = $seen RETURNING 1";

    public override string ForgetOldSubmissions => "DELETE FROM SendSubmissions WHERE CreatedAt < $before";

    public override string ClaimSubmission => """
        INSERT INTO SendSubmissions ("Key", State, CreatedAt) VALUES ($key, $state, $now)
        ON CONFLICT ("Key") DO NOTHING
        RETURNING 1
        """;

    public override string FinishSubmission =>
        "UPDATE SendSubmissions SET State = $state, Result = $result, Error = $error, CompletedAt = $now WHERE \"Key\" = $key";

    public override string ForgetSubmission => "DELETE FROM SendSubmissions WHERE \"Key\" = $key";

    /// <summary>Returns a row only when the nonce is new or seen with the same fingerprint.</summary>
    public string AdmitNonce => """
        INSERT INTO WebhookNonces (Nonce, Fingerprint, SeenAt) VALUES ($nonce, $fingerprint, $now)
        ON CONFLICT (Nonce) DO UPDATE SET SeenAt = SeenAt WHERE Fingerprint = excluded.Fingerprint
        RETURNING 1
        """;

    public override string TrimNonces => """
        DELETE FROM WebhookNonces WHERE Id <= (
            SELECT MAX(Id) FROM (SELECT Id, SeenAt FROM WebhookNonces ORDER BY Id LIMIT $limit) WHERE SeenAt < $cutoff)
        """;

    public override string AddToRollup => """
        INSERT INTO DailyFacts (Day, Dimension, "Key", Direction, State, Messages, Units, Amount)
        VALUES ($day, $dimension, $key, $direction, $state, $count, $units, $amount)
        ON CONFLICT (Dimension, Day, "Key", Direction, State)
        DO UPDATE SET Messages = Messages + excluded.Messages, Units = Units + excluded.Units, Amount = Amount + excluded.Amount
        RETURNING typeof(Messages) = 'integer' AND typeof(Units) = 'integer' AND typeof(Amount) = 'integer'
        """;

    public override string AddToLatency => """
        INSERT INTO LatencyBuckets (Day, Dimension, "Key", Stage, Bucket, Count)
        VALUES ($day, $dimension, $key, $stage, $bucket, $count)
        ON CONFLICT (Dimension, Day, "Key", Stage, Bucket) DO UPDATE SET Count = Count + excluded.Count
        """;
}

using NpgsqlTypes;

namespace Dashboard.Core.Storage.PostgreSql;

/// <summary>
/// The writer's statements in PostgreSQL's dialect: <c>@name</c> parameters, quoted identifiers (EF Core's names),
/// <c>GREATEST</c> for SQLite's two-argument <c>MAX</c>, times as UTC ticks in <c>bigint</c>. Every statement that more
/// than one writer may race on is one atomic upsert (ADR-009).
/// </summary>
internal sealed class PostgreSqlWriterSql : WriterSql
{
    public static readonly PostgreSqlWriterSql Instance = new();

    /// <summary>
    /// The type each parameter that may be null is bound with when it is (a set value's type is its CLR type's). Npgsql
    /// sends an untyped null as "unknown", and a statement whose argument types differ from the prepared ones is
    /// prepared again: without these, a message's insert was parsed and planned anew for almost every callback.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, NpgsqlDbType> NullTypes = new Dictionary<string, NpgsqlDbType>
    {
        // UTC ticks and ids
        ["id"] = NpgsqlDbType.Bigint, ["amount"] = NpgsqlDbType.Bigint, ["rate"] = NpgsqlDbType.Bigint,
        ["convExpires"] = NpgsqlDbType.Bigint, ["queued"] = NpgsqlDbType.Bigint, ["sent"] = NpgsqlDbType.Bigint,
        ["dlr"] = NpgsqlDbType.Bigint, ["conversation"] = NpgsqlDbType.Bigint, ["inboundAt"] = NpgsqlDbType.Bigint,
        ["seq"] = NpgsqlDbType.Integer, ["units"] = NpgsqlDbType.Integer,
        ["from"] = NpgsqlDbType.Text, ["to"] = NpgsqlDbType.Text, ["text"] = NpgsqlDbType.Text, ["log"] = NpgsqlDbType.Text,
        ["error"] = NpgsqlDbType.Text, ["mcc"] = NpgsqlDbType.Text, ["mnc"] = NpgsqlDbType.Text, ["country"] = NpgsqlDbType.Text,
        ["powerpack"] = NpgsqlDbType.Text, ["convId"] = NpgsqlDbType.Text, ["convOrigin"] = NpgsqlDbType.Text,
        ["ip"] = NpgsqlDbType.Text, ["parent"] = NpgsqlDbType.Text, ["part"] = NpgsqlDbType.Text,
        ["contentType"] = NpgsqlDbType.Text, ["mimeType"] = NpgsqlDbType.Text, ["intent"] = NpgsqlDbType.Text,
        ["context"] = NpgsqlDbType.Text, ["buttonText"] = NpgsqlDbType.Text, ["buttonPayload"] = NpgsqlDbType.Text,
        ["preview"] = NpgsqlDbType.Text, ["result"] = NpgsqlDbType.Text, ["key"] = NpgsqlDbType.Text,
    };

    /// <summary>
    /// The columns of <see cref="WriterSql.FindMessage"/>; also read, after the uuid, by <see cref="FindMessages"/>.
    /// </summary>
    private const string MessageColumns = """
        "Id", "InboxConversationId", "Direction", "Type", "State", "LastSequence", "Units", "TotalAmount", "ErrorCode",
        "Mcc", "Mnc", "CountryIso2", "ConversationOrigin", "PowerpackUuid", "MessageTime", "QueuedTime", "SentTime",
        "DeliveryReportTime", "FromNumber"
        """;

    /// <summary>
    /// A new message's id: the one the store reserved for it in the batch's first round trip (<see cref="ReserveMessageIds"/>),
    /// so the insert needs no answer, or else the identity's next value.
    /// </summary>
    private const string MessageId = """COALESCE(@id, nextval(pg_get_serial_sequence('"Messages"', 'Id')))""";

    // PostgreSQL checks whether any indexed column changed before it writes index entries (HOT), so one UPDATE serves
    // all four combinations; State and ErrorCode keep their values when not given.
    private static readonly string[] UpdateSql = [.. Enumerable.Range(0, 4).Select(mask => $"""
        UPDATE "Messages" SET {((mask & 1) != 0 ? "\"State\" = @state, " : "")}{((mask & 2) != 0 ? "\"ErrorCode\" = @error, " : "")}"LastSequence" = @seq,
            "Units" = @units, "TotalAmount" = @amount, "Mcc" = @mcc, "Mnc" = @mnc, "CountryIso2" = @country,
            "ConversationOrigin" = @convOrigin, "PowerpackUuid" = @powerpack,
            "TotalRate" = CASE WHEN @applied THEN COALESCE(@rate, "TotalRate") ELSE COALESCE("TotalRate", @rate) END,
            "ConversationId" = CASE WHEN @applied THEN COALESCE(@convId, "ConversationId") ELSE COALESCE("ConversationId", @convId) END,
            "ConversationExpiresAt" = CASE WHEN @applied THEN COALESCE(@convExpires, "ConversationExpiresAt") ELSE COALESCE("ConversationExpiresAt", @convExpires) END,
            "QueuedTime" = COALESCE("QueuedTime", @queued),
            "SentTime" = COALESCE("SentTime", @sent),
            "DeliveryReportTime" = CASE WHEN @applied THEN COALESCE(@dlr, "DeliveryReportTime") ELSE COALESCE("DeliveryReportTime", @dlr) END,
            "RequesterIp" = COALESCE("RequesterIp", @ip),
            "ParentMessageUuid" = COALESCE("ParentMessageUuid", @parent),
            "PartInfo" = COALESCE("PartInfo", @part),
            "UpdatedAt" = @now
        WHERE "Id" = @id
        """)];

    /// <summary>
    /// Takes a transaction-scoped advisory lock per message of the batch, in one order of keys (so two writers never
    /// wait on each other in a cycle); returns a row per lock. Key space 1001: messages.
    /// </summary>
    public string LockMessages => """
        SELECT pg_advisory_xact_lock(1001, k)
        FROM (SELECT DISTINCT hashtext(u) AS k FROM unnest(@uuids) AS u) AS keys
        ORDER BY k
        """;

    /// <summary>
    /// A row for each of a batch's (distinct) uuids: the uuid, then the columns of <see cref="FindMessage"/> (null when
    /// it is not stored), then the stored message's timeline events that a repeat would meet in the unique (message,
    /// sequence, state) key as two arrays, sequences and states (null when it has none; events without a sequence never
    /// meet, NULLs being distinct in that key), then for a message not stored an id taken from the identity of Messages
    /// (reserved).
    /// Both lookups are lateral subqueries (a LIMIT and an aggregate, which the planner cannot flatten into joins), so
    /// each uuid is found by its index and each message's events by theirs in every plan: the statement is prepared
    /// once, and its generic plan may be made while the tables are new and look empty. As joins, that plan hashed a scan
    /// of every message (and before that, of every event) for each batch until the first ANALYZE.
    /// </summary>
    public string FindMessages => $"""
        SELECT u.uuid, m.*, ev.sequences, ev.states,
            CASE WHEN m."Id" IS NULL THEN nextval(pg_get_serial_sequence('"Messages"', 'Id')) END AS reserved
        FROM unnest(@uuids) AS u(uuid)
        LEFT JOIN LATERAL (SELECT {MessageColumns} FROM "Messages" WHERE "MessageUuid" = u.uuid LIMIT 1) AS m ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(e."Sequence") AS sequences, array_agg(e."State") AS states
            FROM "MessageEvents" AS e WHERE e."MessageId" = m."Id" AND e."Sequence" IS NOT NULL) AS ev ON true
        """;

    /// <summary>
    /// Records a batch's distinct nonces (sorted, so two writers never wait on each other in a cycle) and returns each
    /// with the fingerprint stored for it: its own when it is new, the earlier one when it was seen before. A receipt is
    /// admitted when its fingerprint is the stored one (<see cref="WriterStore.PrepareBatch"/>).
    /// </summary>
    public string AdmitNonces => """
        INSERT INTO "WebhookNonces" AS n ("Nonce", "Fingerprint", "SeenAt")
        SELECT t.nonce, t.fingerprint, @now FROM unnest(@nonces, @fingerprints) AS t(nonce, fingerprint)
        ON CONFLICT ("Nonce") DO UPDATE SET "SeenAt" = n."SeenAt"
        RETURNING "Nonce", "Fingerprint"
        """;

    public override string FindMessage => $"""SELECT {MessageColumns} FROM "Messages" WHERE "MessageUuid" = @uuid""";

    public override string InsertMessageFromCallback => $"""
        INSERT INTO "Messages" ("Id", "MessageUuid", "Direction", "Type", "State", "LastSequence", "FromNumber", "ToNumber", "Units",
            "TotalRate", "TotalAmount", "ErrorCode", "Mcc", "Mnc", "CountryIso2", "PowerpackUuid", "ConversationId",
            "ConversationOrigin", "ConversationExpiresAt", "MessageTime", "QueuedTime", "SentTime", "DeliveryReportTime",
            "UpdatedAt", "RequesterIp", "ParentMessageUuid", "PartInfo", "MediaCount", "InboxConversationId")
        VALUES ({MessageId}, @uuid, @direction, @type, @state, @seq, @from, @to, @units, @rate, @amount, @error, @mcc, @mnc, @country,
            @powerpack, @convId, @convOrigin, @convExpires, @messageTime, @queued, @sent, @dlr, @now, @ip, @parent,
            @part, 0, @conversation)
        RETURNING "Id"
        """;

    public override string UpdateMessageFromCallback(bool state, bool error) => UpdateSql[(state ? 1 : 0) | (error ? 2 : 0)];

    public override string InsertInboundMessage => $"""
        INSERT INTO "Messages" ("Id", "MessageUuid", "Direction", "Type", "State", "FromNumber", "ToNumber", "Text", "Units",
            "TotalRate", "TotalAmount", "ErrorCode", "CountryIso2", "PowerpackUuid", "MessageTime", "UpdatedAt", "ContentType",
            "MimeType", "MessageIntent", "ContextMessageUuid", "ButtonText", "ButtonPayload", "MediaCount", "InboxConversationId")
        VALUES ({MessageId}, @uuid, @direction, @type, @state, @from, @to, @text, @units, @rate, @amount, @error, @country, @powerpack,
            @now, @now, @contentType, @mimeType, @intent, @context, @buttonText, @buttonPayload, @mediaCount, @conversation)
        RETURNING "Id"
        """;

    public override string AttachSender =>
        """UPDATE "Messages" SET "FromNumber" = @from WHERE "Id" = @id RETURNING "ToNumber", "Text", "MediaCount" """;

    public override string SetInboxConversation => """UPDATE "Messages" SET "InboxConversationId" = @conversation WHERE "Id" = @id""";

    public override string FillOutboundDetails => """
        UPDATE "Messages" SET "Text" = COALESCE("Text", @text), "Log" = COALESCE("Log", @log), "ToNumber" = @to,
            "PowerpackUuid" = COALESCE("PowerpackUuid", @powerpack), "MediaCount" = GREATEST("MediaCount", @mediaCount),
            "UpdatedAt" = @now
        WHERE "Id" = @id
        """;

    public override string InsertMedia => """
        INSERT INTO "MessageMedia" ("MessageId", "Index", "Url", "ContentType") VALUES (@message, @index, @url, @contentType)
        ON CONFLICT ("MessageId", "Index") DO NOTHING
        """;

    public override string InsertEvent => """
        INSERT INTO "MessageEvents" ("MessageId", "Kind", "State", "Sequence", "ErrorCode", "ReceivedAt", "Repeats", "Applied", "RawParameters")
        VALUES (@message, @kind, @state, @seq, @error, @now, 0, @applied, @raw)
        ON CONFLICT ("MessageId", "Sequence", "State") DO UPDATE SET "Repeats" = "MessageEvents"."Repeats" + 1,
            "LastReceivedAt" = excluded."ReceivedAt"
        RETURNING "Repeats"
        """;

    public override string InsertEventOnce => """
        INSERT INTO "MessageEvents" ("MessageId", "Kind", "State", "Sequence", "ErrorCode", "ReceivedAt", "Repeats", "Applied", "RawParameters")
        VALUES (@message, @kind, @state, @seq, @error, @now, 0, @applied, @raw)
        ON CONFLICT ("MessageId", "Sequence", "State") DO NOTHING
        """;

    public override string CountInboundRepeat =>
        """UPDATE "MessageEvents" SET "Repeats" = "Repeats" + 1, "LastReceivedAt" = @now WHERE "MessageId" = @message AND "Kind" = @kind""";

    public override string UpsertConversation => """
        INSERT INTO "Conversations" AS c ("OurNumber", "ContactNumber", "Channel", "LastMessageAt", "LastMessagePreview",
            "LastMessageInbound", "UnreadCount", "MessageCount", "LastInboundAt")
        VALUES (@our, @contact, @channel, @at, @preview, @inbound, @unread, 1, @inboundAt)
        ON CONFLICT ("OurNumber", "ContactNumber", "Channel") DO UPDATE SET
            "LastMessagePreview" = CASE WHEN excluded."LastMessageAt" >= c."LastMessageAt" THEN COALESCE(excluded."LastMessagePreview", c."LastMessagePreview") ELSE c."LastMessagePreview" END,
            "LastMessageInbound" = CASE WHEN excluded."LastMessageAt" >= c."LastMessageAt" THEN excluded."LastMessageInbound" ELSE c."LastMessageInbound" END,
            "LastMessageAt" = GREATEST(c."LastMessageAt", excluded."LastMessageAt"),
            "UnreadCount" = c."UnreadCount" + excluded."UnreadCount",
            "MessageCount" = c."MessageCount" + 1,
            "LastInboundAt" = GREATEST(c."LastInboundAt", excluded."LastInboundAt")
        RETURNING "Id"
        """;

    public override string UpdateConversationPreview =>
        """UPDATE "Conversations" SET "LastMessagePreview" = @preview WHERE "Id" = @id AND "LastMessageAt" <= @at""";

    public override string UpsertOptOut => """
        INSERT INTO "OptOuts" AS o ("OurNumber", "ContactNumber", "IsOptedOut", "ChangedAt", "Reason")
        VALUES (@our, @contact, @out, @now, @reason)
        ON CONFLICT ("OurNumber", "ContactNumber") DO UPDATE SET "IsOptedOut" = excluded."IsOptedOut",
            "ChangedAt" = excluded."ChangedAt", "Reason" = excluded."Reason"
        WHERE excluded."ChangedAt" >= o."ChangedAt"
        """;

    // A writer that upserted the row first holds it until its commit; this UPDATE then re-checks MessageCount on the
    // committed row (READ COMMITTED), so a message counted in between is never read away.
    public override string MarkConversationRead => """
        UPDATE "Conversations" SET "UnreadCount" = 0
        WHERE "Id" = @id AND "UnreadCount" > 0 AND "MessageCount" = @seen
        RETURNING 1::bigint
        """;

    public override string ForgetOldSubmissions => """DELETE FROM "SendSubmissions" WHERE "CreatedAt" < @before""";

    public override string ClaimSubmission => """
        INSERT INTO "SendSubmissions" ("Key", "State", "CreatedAt") VALUES (@key, @state, @now)
        ON CONFLICT ("Key") DO NOTHING
        RETURNING 1::bigint
        """;

    public override string FinishSubmission =>
        """UPDATE "SendSubmissions" SET "State" = @state, "Result" = @result, "Error" = @error, "CompletedAt" = @now WHERE "Key" = @key""";

    public override string ForgetSubmission => """DELETE FROM "SendSubmissions" WHERE "Key" = @key""";

    public override string TrimNonces => """
        DELETE FROM "WebhookNonces" WHERE "Id" <= (
            SELECT MAX("Id") FROM (SELECT "Id", "SeenAt" FROM "WebhookNonces" ORDER BY "Id" LIMIT @limit) AS oldest
            WHERE "SeenAt" < @cutoff)
        """;

    // bigint arithmetic that overflows raises 22003 (the store turns it into an OverflowException): no float sums here.
    public override string AddToRollup => """
        INSERT INTO "DailyFacts" AS f ("Day", "Dimension", "Key", "Direction", "State", "Messages", "Units", "Amount")
        VALUES (@day, @dimension, @key, @direction, @state, @count, @units, @amount)
        ON CONFLICT ("Dimension", "Day", "Key", "Direction", "State")
        DO UPDATE SET "Messages" = f."Messages" + excluded."Messages", "Units" = f."Units" + excluded."Units",
            "Amount" = f."Amount" + excluded."Amount"
        RETURNING 1::bigint
        """;

    public override string AddToLatency => """
        INSERT INTO "LatencyBuckets" AS b ("Day", "Dimension", "Key", "Stage", "Bucket", "Count")
        VALUES (@day, @dimension, @key, @stage, @bucket, @count)
        ON CONFLICT ("Dimension", "Day", "Key", "Stage", "Bucket") DO UPDATE SET "Count" = b."Count" + excluded."Count"
        """;
}

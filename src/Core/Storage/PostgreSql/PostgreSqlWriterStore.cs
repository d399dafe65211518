using System.Data;
using System.Data.Common;
using Dashboard.Core.Messages;
using Dashboard.Core.Webhooks;
using Npgsql;

namespace Dashboard.Core.Storage.PostgreSql;

/// <summary>
/// The writer's store on PostgreSQL, where several instances' writers may share the database (ADR-009). Each batch
/// starts with one round trip (<see cref="PrepareBatch"/>): a transaction-scoped advisory lock per message it touches,
/// in key order, then those messages' stored state, their timeline events' keys, ids reserved for the new ones, and
/// the batch's nonces recorded in one statement. The state rules then decide on rows no other writer can change until
/// the commit, and what the store read never outlives its batch. Conversations, opt-outs, events, nonces and rollups
/// are conditional upserts, atomic whichever writer comes first. Commands are Npgsql's, auto-prepared on the server.
/// A statement whose answer the writer does not need (or already knows: an event's repeat from the batch's lookup, a
/// new message's reserved id, a known conversation's id, a rollup increment) is held back and sent in one round trip
/// (an Npgsql batch) with the next statement whose answer it does read, or before the commit; so a batch of callbacks
/// for known messages and conversations costs three round trips (prepare, the held-back statements, commit) whatever
/// its size. The connection is opened at the first batch and again after it was lost, so a server that went away is
/// reached again when it is back.
/// </summary>
internal sealed class PostgreSqlWriterStore : WriterStore
{
    private static readonly PostgreSqlWriterSql Sql = PostgreSqlWriterSql.Instance;
    private readonly string _connectionString;
    private readonly Dictionary<string, NpgsqlCommand> _commands = new(ReferenceEqualityComparer.Instance);
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private NpgsqlBatch? _pending;

    // Read up front by the batch (PrepareBatch), valid until its commit: no other writer adds events to the batch's
    // messages while it holds their locks.
    private readonly HashSet<(long MessageId, int Sequence, MessageState State)> _events = [];
    private readonly HashSet<long> _eventsKnown = [];
    private readonly Queue<long> _reservedIds = new();

    public PostgreSqlWriterStore(string connectionString)
        : base(Sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // The writer runs the same twenty statements all day: prepared once on the server, parsed and planned once.
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        _connectionString = builder.ConnectionString;
    }

    public override DbTransaction Begin()
    {
        if (_connection is not { State: ConnectionState.Open })
        {
            Disconnect();
            _connection = new NpgsqlConnection(_connectionString);
            _connection.Open();
        }

        DropPending();
        _transaction = _connection.BeginTransaction(IsolationLevel.ReadCommitted);
        return _transaction;
    }

    public override bool[] PrepareBatch(IReadOnlyCollection<string> uuids, IReadOnlyList<WebhookReceipt?> receipts, DateTime now)
    {
        // What this writer remembers may have been changed by another one since its last batch.
        ForgetRecent();
        ForgetBatch();
        var nonces = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var receipt in receipts)
        {
            if (receipt is not null)
            {
                // The first receipt of a nonce is the one the database hears of; later ones in the batch are judged against it.
                nonces.TryAdd(receipt.Nonce, receipt.Fingerprint);
            }
        }

        var stored = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (uuids.Count > 0 || nonces.Count > 0)
        {
            // One round trip: the locks first, then (each statement seeing what was committed before it began) the state
            // of the batch's messages, their events, ids for the new ones, and the nonces.
            var array = uuids as string[] ?? [.. uuids];
            using var batch = new NpgsqlBatch(_connection, _transaction);
            if (array.Length > 0)
            {
                batch.BatchCommands.Add(BatchCommand(Sql.LockMessages, ("uuids", array)));
                batch.BatchCommands.Add(BatchCommand(Sql.FindMessages, ("uuids", array)));
            }

            if (nonces.Count > 0)
            {
                batch.BatchCommands.Add(BatchCommand(Sql.AdmitNonces,
                    ("nonces", nonces.Keys.ToArray()), ("fingerprints", nonces.Values.ToArray()), ("now", UtcDateTimeConverter.ToDb(now))));
            }

            using var reader = batch.ExecuteReader();
            var row = new ReaderRow(reader);
            if (array.Length > 0)
            {
                while (reader.Read())
                {
                }

                reader.NextResult();
                var columns = new FoundColumns(reader.GetOrdinal("sequences"), reader.GetOrdinal("states"), reader.GetOrdinal("reserved"));
                while (reader.Read())
                {
                    ReadFound(reader, row, columns);
                }

                reader.NextResult();
            }

            while (reader.Read())
            {
                stored[reader.GetString(0)] = (byte[])reader.GetValue(1);
            }
        }

        var admitted = new bool[receipts.Count];
        for (var i = 0; i < receipts.Count; i++)
        {
            admitted[i] = receipts[i] is not { } receipt || stored[receipt.Nonce].AsSpan().SequenceEqual(receipt.Fingerprint);
        }

        return admitted;
    }

    /// <summary>A row of <see cref="PostgreSqlWriterSql.FindMessages"/>: a stored message and its events, or a new message's id.</summary>
    private void ReadFound(NpgsqlDataReader reader, ReaderRow row, FoundColumns columns)
    {
        var uuid = reader.GetString(0);
        if (reader.IsDBNull(1))
        {
            KnownAbsent.Add(uuid);
            _reservedIds.Enqueue(reader.GetInt64(columns.Reserved));
            return;
        }

        var message = ReadExisting(row, 1);
        Remember(uuid, message);
        _eventsKnown.Add(message.Id);
        if (!reader.IsDBNull(columns.Sequences))
        {
            var sequences = reader.GetFieldValue<int[]>(columns.Sequences);
            var states = reader.GetFieldValue<int[]>(columns.States);
            for (var i = 0; i < sequences.Length; i++)
            {
                _events.Add((message.Id, sequences[i], (MessageState)states[i]));
            }
        }
    }

    /// <summary>Where <see cref="PostgreSqlWriterSql.FindMessages"/>'s named columns are, looked up once per batch, not per row.</summary>
    private readonly record struct FoundColumns(int Sequences, int States, int Reserved);

    public override void Discard()
    {
        base.Discard();
        ForgetBatch();
        DropPending();
        if (_connection is not { State: ConnectionState.Open })
        {
            Disconnect();
        }
    }

    public override void Dispose() => Disconnect();

    // Npgsql's transient errors: the network, timeouts, a server shutting down or not accepting connections yet (57P0x),
    // too many connections (53300). Not a deadlock or serialization failure, also "transient": the writer's retry of each
    // item alone is the answer to those.
    public override bool IsUnavailable(Exception exception) =>
        exception is NpgsqlException { IsTransient: true } and not PostgresException
        {
            SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        }
        || _connection is not { State: ConnectionState.Open };

    protected override void Execute(string statement, params (string Name, object? Value)[] values) =>
        (_pending ??= new NpgsqlBatch(_connection, _transaction)).BatchCommands.Add(BatchCommand(statement, values));

    protected override void Flush()
    {
        var pending = _pending;
        _pending = null;
        if (pending is null)
        {
            return;
        }

        using (pending)
        {
            pending.ExecuteNonQuery();
        }
    }

    protected override int ExecuteCountingChanges(string statement, params (string Name, object? Value)[] values) =>
        Command(statement, values).ExecuteNonQuery();

    protected override T? QuerySingle<T>(string statement, Func<IRowReader, T> read, params (string Name, object? Value)[] values)
        where T : struct
    {
        using var reader = Command(statement, values).ExecuteReader(CommandBehavior.SingleRow);
        return reader.Read() ? read(new ReaderRow(reader)) : null;
    }

    /// <summary>Known from the batch's lookup (<see cref="PrepareBatch"/>) for its stored messages and the ones it creates.</summary>
    protected override bool? TakeEvent(long messageId, int? sequence, MessageState state)
    {
        if (!_eventsKnown.Contains(messageId))
        {
            return null;
        }

        // Without a sequence an event never meets another in the unique key (NULLs are distinct): always a new row.
        return sequence is { } s && !_events.Add((messageId, s, state));
    }

    protected override long? ReserveMessageId()
    {
        if (!_reservedIds.TryDequeue(out var id))
        {
            return null;
        }

        // A new message has no events yet: its repeats in this batch are known without asking.
        _eventsKnown.Add(id);
        return id;
    }

    protected override bool RollupOverflowIsAnError => true;

    protected override bool IsOverflow(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.NumericValueOutOfRange };

    protected override object DayValue(DateOnly day) => day;

    /// <summary>A command whose result is read: what was held back goes first, so statements run in the order made.</summary>
    private NpgsqlCommand Command(string sql, (string Name, object? Value)[] values)
    {
        var connection = _connection ?? throw new InvalidOperationException("Begin a transaction first.");
        Flush();
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = new NpgsqlCommand(sql, connection);
            foreach (var (name, _) in values)
            {
                command.Parameters.Add(new NpgsqlParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++)
        {
            Bind(command.Parameters[i], values[i].Value);
        }

        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string statement, params (string Name, object? Value)[] values)
    {
        var command = new NpgsqlBatchCommand(statement);
        foreach (var (name, value) in values)
        {
            var parameter = new NpgsqlParameter { ParameterName = name };
            Bind(parameter, value);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>A null with its parameter's type (<see cref="PostgreSqlWriterSql.NullTypes"/>), a value with its own.</summary>
    private static void Bind(NpgsqlParameter parameter, object? value)
    {
        if (value is not null)
        {
            parameter.ResetDbType();
            parameter.Value = value;
        }
        else
        {
            if (PostgreSqlWriterSql.NullTypes.TryGetValue(parameter.ParameterName, out var type))
            {
                parameter.NpgsqlDbType = type;
            }

            parameter.Value = DBNull.Value;
        }
    }

    /// <summary>Forgets what the last batch read up front: it holds only while that batch's locks do.</summary>
    private void ForgetBatch()
    {
        _events.Clear();
        _eventsKnown.Clear();
        _reservedIds.Clear();
    }

    private void DropPending()
    {
        _pending?.Dispose();
        _pending = null;
    }

    private void Disconnect()
    {
        DropPending();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _transaction = null;
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>A row of an Npgsql reader as the store's shared code reads it.</summary>
    private sealed class ReaderRow(NpgsqlDataReader reader) : IRowReader
    {
        public bool IsNull(int column) => reader.IsDBNull(column);

        public long GetInt64(int column) => Convert.ToInt64(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

        public int GetInt32(int column) => reader.GetInt32(column);

        public string? GetNullableString(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
    }
}

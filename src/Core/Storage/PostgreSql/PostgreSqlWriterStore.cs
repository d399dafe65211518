using System.Data;
using System.Data.Common;
using Npgsql;

namespace Dashboard.Core.Storage.PostgreSql;

/// <summary>
/// The writer's store on PostgreSQL, where several instances' writers may share the database (ADR-009). Each batch
/// first takes a transaction-scoped advisory lock per message it touches, in key order, and reads those messages'
/// stored state in one round trip: the state rules then decide on rows no other writer can change until the commit,
/// and the cache of recent states never outlives its batch. Conversations, opt-outs, events, nonces and rollups are
/// conditional upserts, atomic whichever writer comes first. Commands are Npgsql's, auto-prepared on the server;
/// statements whose result the writer does not read are held back and sent in one round trip (an Npgsql batch) with
/// the next statement whose result it does read, or before the commit.
/// The connection is opened at the first batch and again after it was lost, so a server that went away is
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

    public override void LockMessages(IReadOnlyCollection<string> uuids)
    {
        // What this writer remembers may have been changed by another one since its last batch.
        ForgetRecent();
        if (uuids.Count == 0)
        {
            return;
        }

        var array = uuids as string[] ?? [.. uuids];
        using (var reader = Command(Sql.LockMessages, [("uuids", array)]).ExecuteReader())
        {
            while (reader.Read())
            {
            }
        }

        var absent = new HashSet<string>(array, StringComparer.Ordinal);
        using (var reader = Command(Sql.FindMessages, [("uuids", array)]).ExecuteReader())
        {
            var row = new ReaderRow(reader);
            while (reader.Read())
            {
                var uuid = reader.GetString(0);
                Remember(uuid, ReadExisting(row, 1));
                absent.Remove(uuid);
            }
        }

        KnownAbsent.UnionWith(absent);
    }

    public override void Discard()
    {
        base.Discard();
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

    protected override void Execute(string statement, params (string Name, object? Value)[] values)
    {
        var command = new NpgsqlBatchCommand(statement);
        foreach (var (name, value) in values)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        (_pending ??= new NpgsqlBatch(_connection, _transaction)).BatchCommands.Add(command);
    }

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
            command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
        }

        return command;
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

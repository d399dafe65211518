using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>
/// A statement prepared once on a connection's SQLite handle and run many times, binding its parameters by the
/// position resolved at preparation. The ingest writer's hot path uses it instead of <see cref="SqliteCommand"/>,
/// which looks every parameter up by name and builds a data reader on each execution — about half the writer's
/// time per webhook (measured with perf; see ADR-001). Errors surface as <see cref="SqliteException"/>, as with
/// the ADO.NET provider. Not thread-safe: one statement belongs to the one thread that owns the connection.
/// </summary>
internal sealed class RawStatement : IRowReader, IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _positions;

    /// <param name="connection">An open connection.</param>
    /// <param name="sql">One SQL statement.</param>
    /// <param name="parameterNames">The names that <see cref="Bind"/>'s values follow, in order.</param>
    public RawStatement(SqliteConnection connection, string sql, IReadOnlyList<string> parameterNames)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _positions = new int[parameterNames.Count];
        for (var i = 0; i < parameterNames.Count; i++)
        {
            var position = raw.sqlite3_bind_parameter_index(_statement, parameterNames[i]);
            _positions[i] = position > 0
                ? position
                : throw new ArgumentException($"The statement has no parameter {parameterNames[i]}.", nameof(parameterNames));
        }
    }

    /// <summary>Binds the value of the <paramref name="index"/>th parameter name given at preparation.</summary>
    public void Bind(int index, object? value)
    {
        var position = _positions[index];
        Check(value switch
        {
            null => raw.sqlite3_bind_null(_statement, position),
            string s => raw.sqlite3_bind_text(_statement, position, s),
            long l => raw.sqlite3_bind_int64(_statement, position, l),
            int i => raw.sqlite3_bind_int(_statement, position, i),
            bool b => raw.sqlite3_bind_int(_statement, position, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(_statement, position, d),
            byte[] b => raw.sqlite3_bind_blob(_statement, position, b),
            _ => throw new ArgumentException($"Cannot bind a {value.GetType().Name}.", nameof(value)),
        });
    }

    /// <summary>Runs the statement to its end.</summary>
    public void Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            Check(rc);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement to its end and returns how many rows it inserted, updated or deleted.</summary>
    public int ExecuteCountingChanges()
    {
        Execute();
        return raw.sqlite3_changes(raw.sqlite3_db_handle(_statement));
    }

    /// <summary>
    /// Runs the statement and returns the first column of its first row as an integer (SQLite makes all of an
    /// <c>INSERT … RETURNING</c>'s changes at that first step).
    /// </summary>
    public long ExecuteInt64() =>
        QuerySingle(row => row.GetInt64(0)) ?? throw new InvalidOperationException("The statement returned no row.");

    /// <summary>Runs the statement, reads its first row (if any) with <paramref name="read"/>, and resets it.</summary>
    public T? QuerySingle<T>(Func<IRowReader, T> read)
        where T : struct
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
                return null;
            }

            return read(this);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int GetInt32(int column) => raw.sqlite3_column_int(_statement, column);

    public string? GetNullableString(int column) => IsNull(column) ? null : raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}

using System.Data.Common;
using System.Globalization;
using Dashboard.Core.Webhooks;
using Microsoft.Data.Sqlite;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>
/// The writer's store on SQLite: <see cref="RawStatement"/>s prepared once on the writer's own connection and reused
/// for every webhook. The writer is the file's only writer, so its cache of recent states stays valid across batches.
/// </summary>
internal sealed class SqliteWriterStore(SqliteConnection connection) : WriterStore(SqliteWriterSql.Instance)
{
    private readonly Dictionary<string, RawStatement> _statements = new(ReferenceEqualityComparer.Instance);

    /// <summary>Opens the writer's connection with the settings the hot path was measured with (ADR-001).</summary>
    public static new SqliteWriterStore Open(StorageOptions options)
    {
        var connection = new SqliteConnection(options.ConnectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // A checkpoint copies each page once however often the WAL holds it, and it runs on this thread: at 10,000
            // pages (40 MB) instead of SQLite's 1,000 the hot index pages are copied ten times less often (+25 % callbacks/s).
            // The page cache is scanned at every commit in proportion to its size: 8 MB holds the indexes' upper levels
            // and the pages being appended to, where 64 MB made the scan 8 % of the writer's time (perf).
            pragma.CommandText = $"""
                PRAGMA journal_mode=WAL; PRAGMA synchronous={options.Synchronous}; PRAGMA busy_timeout=30000;
                PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=10000;
                """;
            pragma.ExecuteNonQuery();
        }

        return new SqliteWriterStore(connection) { OwnsConnection = true };
    }

    private bool OwnsConnection { get; init; }

    public override DbTransaction Begin() => connection.BeginTransaction(deferred: false);

    /// <summary>The only writer of the file: nothing to lock; each nonce is admitted by its own statement, in order.</summary>
    public override bool[] PrepareBatch(IReadOnlyCollection<string> uuids, IReadOnlyList<WebhookReceipt?> receipts, DateTime now)
    {
        var admitted = new bool[receipts.Count];
        for (var i = 0; i < receipts.Count; i++)
        {
            admitted[i] = receipts[i] is not { } receipt || QuerySingle(SqliteWriterSql.Instance.AdmitNonce, row => row.GetInt64(0),
                ("nonce", receipt.Nonce), ("fingerprint", receipt.Fingerprint), ("now", UtcDateTimeConverter.ToDb(now))) is not null;
        }

        return admitted;
    }

    protected override void Execute(string statement, params (string Name, object? Value)[] values) =>
        Bound(statement, values).Execute();

    protected override int ExecuteCountingChanges(string statement, params (string Name, object? Value)[] values) =>
        Bound(statement, values).ExecuteCountingChanges();

    protected override T? QuerySingle<T>(string statement, Func<IRowReader, T> read, params (string Name, object? Value)[] values)
        where T : struct => Bound(statement, values).QuerySingle(read);

    protected override object DayValue(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        if (OwnsConnection)
        {
            connection.Dispose();
        }
    }

    /// <summary>
    /// The prepared statement for a SQL text, with <paramref name="values"/> bound. The texts are constants, so they
    /// are cached by reference, and every call site passes its values in the same order, so they bind by position.
    /// </summary>
    private RawStatement Bound(string sql, (string Name, object? Value)[] values)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(connection, sql, [.. values.Select(v => "$" + v.Name)]);
            _statements[sql] = statement;
        }

        for (var i = 0; i < values.Length; i++)
        {
            statement.Bind(i, values[i].Value);
        }

        return statement;
    }
}

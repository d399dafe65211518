using Dashboard.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dashboard.Core.Tests.Storage;

public sealed class RawStatementTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"raw-statement-{Guid.NewGuid():n}.db");
    private readonly SqliteConnection _connection;

    public RawStatementTests()
    {
        _connection = new SqliteConnection($"Data Source={_path}");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE T (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL UNIQUE, Count INTEGER, Flag INTEGER)";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void BindsByTheNamesGivenAtPreparationAndIsReusable()
    {
        // Parameters listed in another order than the SQL's, and one used twice.
        using var insert = new RawStatement(_connection,
            "INSERT INTO T (Name, Count, Flag) VALUES ($name, $count, $flag) RETURNING Id * 100 + $count", ["$count", "$flag", "$name"]);
        insert.Bind(0, 5L);
        insert.Bind(1, true);
        insert.Bind(2, "ä-first");
        Assert.Equal(105, insert.ExecuteInt64());
        insert.Bind(0, 7);
        insert.Bind(1, false);
        insert.Bind(2, "second");
        Assert.Equal(207, insert.ExecuteInt64());
        insert.Bind(0, null);
        insert.Bind(1, null);
        insert.Bind(2, "third");
        insert.Execute();

        using var select = new RawStatement(_connection, "SELECT Name, Count, Flag FROM T WHERE Name = $name", ["$name"]);
        select.Bind(0, "ä-first");
        Assert.Equal(("ä-first", 5L, 1), select.QuerySingle(r => (r.GetNullableString(0)!, r.GetInt64(1), r.GetInt32(2))));
        select.Bind(0, "third");
        Assert.Equal((true, true), select.QuerySingle(r => (r.GetNullableInt64(1) is null, r.GetNullableInt32(2) is null)));
        select.Bind(0, "missing");
        Assert.Null(select.QuerySingle(r => r.GetInt64(1)));
    }

    [Fact]
    public void AFailedStepThrowsSqliteExceptionAndLeavesTheStatementUsable()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO T (Name) VALUES ($name)", ["$name"]);
        insert.Bind(0, "once");
        insert.Execute();

        insert.Bind(0, "once");
        var error = Assert.Throws<SqliteException>(insert.Execute);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE", error.Message);

        insert.Bind(0, "twice");
        insert.Execute();
        using var count = new RawStatement(_connection, "SELECT COUNT(*) FROM T", []);
        Assert.Equal(2, count.ExecuteInt64());
    }

    [Fact]
    public void BadSqlOrAnUnknownParameterIsRefusedAtPreparation()
    {
        Assert.Throws<SqliteException>(() => new RawStatement(_connection, "INSERT INTO Nowhere VALUES (1)", []));
        var error = Assert.Throws<ArgumentException>(() => new RawStatement(_connection, "SELECT $a", ["$b"]));
        Assert.Contains("$b", error.Message);
    }

    [Fact]
    public void ValuesOfAnUnsupportedTypeAreRefused()
    {
        using var select = new RawStatement(_connection, "SELECT $a", ["$a"]);
        Assert.Throws<ArgumentException>(() => select.Bind(0, DateTime.UtcNow));
    }

    public void Dispose()
    {
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

namespace Dashboard.Core.Storage;

/// <summary>The columns of one result row, as the writer's stores read them (SQLite's raw statement, Npgsql's reader).</summary>
internal interface IRowReader
{
    bool IsNull(int column);

    long GetInt64(int column);

    int GetInt32(int column);

    string? GetNullableString(int column);

    long? GetNullableInt64(int column) => IsNull(column) ? null : GetInt64(column);

    int? GetNullableInt32(int column) => IsNull(column) ? null : GetInt32(column);
}

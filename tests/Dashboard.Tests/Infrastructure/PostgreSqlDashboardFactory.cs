namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The app on a PostgreSQL database (<c>Storage:Provider=PostgreSql</c>): give two of them the same connection string
/// and they are two instances of the dashboard sharing one database.
/// </summary>
public sealed class PostgreSqlDashboardFactory(string connectionString) : DashboardFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Storage:Provider", "PostgreSql"),
        new("ConnectionStrings:Dashboard", connectionString),
    ];
}

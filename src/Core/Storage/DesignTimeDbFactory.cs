using Dashboard.Core.Storage.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Core.Storage;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the app (and its simulator).</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<DashboardDb>
{
    public DashboardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>The same for the PostgreSQL model (<c>--context PostgreSqlDashboardDb</c>); no server is reached.</summary>
internal sealed class PostgreSqlDesignTimeDbFactory : IDesignTimeDbContextFactory<PostgreSqlDashboardDb>
{
    public PostgreSqlDashboardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDashboardDb>().UseNpgsql("Host=localhost;Database=design-time").Options);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Core.Storage;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its simulator).</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<DashboardDb>
{
    public DashboardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDb>().UseSqlite("Data Source=design-time.db").Options);
}

using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>The context factory the app registers, on a test database.</summary>
public sealed class TestDbFactory(TempDatabase database) : IDbContextFactory<DashboardDb>
{
    public DashboardDb CreateDbContext() => database.CreateDb();
}

using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Users;

/// <summary>The first admin when several instances start at once on an empty PostgreSQL database (ADR-011).</summary>
public class FirstAdminTests
{
    [Fact]
    public async Task TwoInstancesStartingAtOnceOnAnEmptyDatabaseMakeOneFirstAdminAndNeitherFails()
    {
        var options = Options.Create(new AuthOptions { BootstrapAdmin = { UserName = "admin", Password = "first-admin-password" } });
        var created = new List<int>();
        for (var round = 0; round < 8; round++)
        {
            await using var database = await TempDatabase.CreateAsync(provider: StorageProvider.PostgreSql);
            var a = new UserService(new TestDbFactory(database), options, database.Time);
            var b = new UserService(new TestDbFactory(database), options, database.Time);

            var results = await Task.WhenAll(a.EnsureFirstAdminAsync(), b.EnsureFirstAdminAsync());

            created.Add(results.Count(r => r is not null));
            await using var db = new TestDbFactory(database).CreateDbContext();
            Assert.Equal(1, await db.Users.CountAsync());
        }

        Assert.All(created, c => Assert.Equal(1, c));
    }
}

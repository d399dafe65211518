using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The app on its own empty database with the clock stopped at <see cref="Now"/> (Monday 16 November 2026, midnight
/// UTC): "today", the month-end projection and the last minutes are then exact. Timers still run in real time.
/// </summary>
public class ReportsFactory : DashboardFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FixedClock(Now));
        });
    }
}

/// <summary>The same on a PostgreSQL database instead of a SQLite file.</summary>
public sealed class PostgreSqlReportsFactory(string connectionString) : ReportsFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Storage:Provider", "PostgreSql"),
        new("ConnectionStrings:Dashboard", connectionString),
    ];
}

/// <summary>A clock that always says <paramref name="now"/>; delays and timers use the real clock.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

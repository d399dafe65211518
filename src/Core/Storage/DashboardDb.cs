using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

/// <summary>
/// The dashboard's database. EF Core owns the schema, migrations and queries; the ingest hot path writes with
/// prepared raw commands inside the single writer (see <see cref="Messages.MessageWriter"/> and <see cref="WriterStore"/>).
/// This type is the SQLite context, whose migrations are in Storage/Migrations;
/// <see cref="PostgreSql.PostgreSqlDashboardDb"/> derives from it with migrations of its own (ADR-009). Everything
/// else asks for a <see cref="DashboardDb"/> and works on either.
/// </summary>
/// <remarks>
/// A schema change is a migration for each provider, from the repository root:
/// <code>dotnet ef migrations add &lt;Name&gt; --project src/Core --startup-project src/Dashboard --context DashboardDb --output-dir Storage/Migrations</code>
/// <code>dotnet ef migrations add &lt;Name&gt; --project src/Core --startup-project src/Dashboard --context PostgreSqlDashboardDb --output-dir Storage/PostgreSql/Migrations</code>
/// Migrations are applied at start-up (<see cref="DatabaseInitializer"/>); there is no manual step.
/// </remarks>
public class DashboardDb : DbContext
{
    public DashboardDb(DbContextOptions<DashboardDb> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context, which has migrations of its own.</summary>
    protected DashboardDb(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessageEvent> MessageEvents => Set<MessageEvent>();

    public DbSet<MessageMedia> MessageMedia => Set<MessageMedia>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<OptOut> OptOuts => Set<OptOut>();

    public DbSet<User> Users => Set<User>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Webhooks.WebhookNonce> WebhookNonces => Set<Webhooks.WebhookNonce>();

    public DbSet<Replay.ReplayRun> ReplayRuns => Set<Replay.ReplayRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored as UTC ticks (an INTEGER: exact, and ordered by SQLite, which has no date type) and
        // read back as UTC; the ingest writer writes the same representation.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

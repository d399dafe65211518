using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

/// <summary>
/// The dashboard's SQLite database. EF Core owns the schema, migrations and queries; the ingest hot path
/// writes with prepared raw commands inside the single writer (see <see cref="Messages.MessageWriter"/>).
/// </summary>
/// <remarks>
/// Add a migration from the repository root with:
/// <code>dotnet ef migrations add &lt;Name&gt; --project src/Core --startup-project src/Dashboard --output-dir Storage/Migrations</code>
/// Migrations are applied at start-up (<see cref="DatabaseInitializer"/>); there is no manual step.
/// </remarks>
public sealed class DashboardDb(DbContextOptions<DashboardDb> options) : DbContext(options)
{
    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessageEvent> MessageEvents => Set<MessageEvent>();

    public DbSet<MessageMedia> MessageMedia => Set<MessageMedia>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<OptOut> OptOuts => Set<OptOut>();

    public DbSet<User> Users => Set<User>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Webhooks.WebhookNonce> WebhookNonces => Set<Webhooks.WebhookNonce>();

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

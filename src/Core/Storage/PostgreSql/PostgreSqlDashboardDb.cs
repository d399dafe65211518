using Dashboard.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage.PostgreSql;

/// <summary>
/// The same model on PostgreSQL, as a context type of its own so that its migrations (Storage/PostgreSql/Migrations)
/// are apart from SQLite's: EF Core's "migrations with multiple providers", one set per provider (ADR-009).
/// </summary>
/// <remarks>
/// Times stay UTC ticks in a <c>bigint</c> (the <see cref="UtcDateTimeConverter"/> of the base model) rather than
/// <c>timestamp with time zone</c>: one representation for EF and the writer's raw statements on both providers,
/// exact to the tick and ordered as numbers.
/// </remarks>
public sealed class PostgreSqlDashboardDb(DbContextOptions<PostgreSqlDashboardDb> options) : DashboardDb(options)
{
    /// <summary>A case-insensitive ICU collation, PostgreSQL's counterpart of SQLite's NOCASE.</summary>
    public const string CaseInsensitive = "case_insensitive";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // "Thanks" and "thanks" are the same quick reply (QuickReplyConfiguration): PostgreSQL has no NOCASE.
        modelBuilder.HasCollation(CaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        modelBuilder.Entity<QuickReply>().Property(q => q.Title).UseCollation(CaseInsensitive);
    }
}

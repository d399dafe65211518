using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Storage;

/// <summary>The database engines the dashboard runs on (ADR-009).</summary>
public enum StorageProvider
{
    /// <summary>One file, no server: the embedded default (<c>dotnet run</c>).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several instances of the dashboard may share.</summary>
    PostgreSql,
}

/// <summary>How the database is reached and how hard the ingest writer works.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The connection string's name: <c>ConnectionStrings:Dashboard</c>.</summary>
    public const string ConnectionStringName = "Dashboard";

    /// <summary><c>Storage:Provider</c>: which engine <see cref="ConnectionString"/> names.</summary>
    [EnumDataType(typeof(StorageProvider))]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Filled from <c>ConnectionStrings:Dashboard</c>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// SQLite's <c>synchronous</c> (PostgreSQL's durability is the server's <c>synchronous_commit</c>) for the writer: FULL makes every acknowledged webhook survive a power
    /// cut (one fsync per group commit); NORMAL survives a process crash only.
    /// </summary>
    [RegularExpression("^(FULL|NORMAL)$")]
    public string Synchronous { get; set; } = "FULL";

    /// <summary>At most this many webhooks share one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 2_000;

    /// <summary>
    /// How long webhook signature nonces are remembered, to refuse a nonce seen again with other parameters
    /// (ADR-002). A day covers Plivo's retries, which its support pages describe as lasting up to 24 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan NonceRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Webhooks waiting for the writer beyond this make new ones wait (back-pressure).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 50_000;
}

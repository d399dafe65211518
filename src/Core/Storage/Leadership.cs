using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Core.Storage;

/// <summary>
/// The lease that makes background work (the simulator's demo traffic, the reconciler) run on one instance only
/// (ADR-011). On PostgreSQL it is a session-level advisory lock taken with <c>pg_try_advisory_lock</c> on a dedicated,
/// unpooled connection: the server releases it when that session ends, so a holder that stops or dies hands it over
/// with no table, row or expiry to clean up. On SQLite there is one instance by definition, and it always holds it.
/// Hosted services run their work through <see cref="RunWhileLeaderAsync"/>.
/// </summary>
public sealed partial class Leadership(IOptions<StorageOptions> options, TimeProvider time, ILogger<Leadership> logger) : BackgroundService
{
    /// <summary>How often a follower tries to take the lease, and a holder checks that its session is still alive.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    // The lock's key in the two-int space (pg_advisory_xact_lock(1001, …) holds a message during a writer batch).
    private const int LockClass = 1002;
    private const int LockObject = 1;

    private readonly object _gate = new();
    private TaskCompletionSource<CancellationToken> _term = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _held;

    /// <summary>True while this instance holds the lease.</summary>
    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _held is { IsCancellationRequested: false };
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> whenever this instance holds the lease: its token is cancelled when the lease is lost
    /// (and on shutdown), and the work starts again when the lease is won back. Returns when the work returns by itself
    /// while still leading (it has nothing to do), or on shutdown.
    /// </summary>
    public async Task RunWhileLeaderAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Task<CancellationToken> next;
            lock (_gate)
            {
                next = _term.Task;
            }

            var term = await next.WaitAsync(stoppingToken);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term);
            try
            {
                await work(linked.Token);
            }
            catch (OperationCanceledException) when (term.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                // Lost the lease: wait for the next term.
            }

            if (!term.IsCancellationRequested)
            {
                return;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != StorageProvider.PostgreSql)
        {
            BeginTerm();
            return;
        }

        NpgsqlConnection? session = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    session ??= await OpenSessionAsync(stoppingToken);
                    if (IsLeader)
                    {
                        // Still our session? If not, the server has released (or will release) the lock: stop leading now.
                        await using var ping = new NpgsqlCommand("SELECT 1", session) { CommandTimeout = 2 };
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                    else
                    {
                        await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockClass}, {LockObject})", session) { CommandTimeout = 2 };
                        if (await take.ExecuteScalarAsync(stoppingToken) is true)
                        {
                            BeginTerm();
                            LogAcquired(logger);
                        }
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                {
                    if (EndTerm())
                    {
                        LogLost(logger, ex);
                    }

                    await DisposeAsync(session);
                    session = null;
                }

                await Task.Delay(CheckInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            EndTerm();
            // Closing the session releases the lock at once, so another instance takes over within one CheckInterval.
            await DisposeAsync(session);
        }
    }

    /// <summary>
    /// The lease's own session, outside the pool (a pooled connection would keep or drop the lock with the pool, not
    /// with us). Server-side keepalives make the server notice a holder that vanished without closing its socket (a cut
    /// network, a frozen machine) within about 10 s instead of the operating system's default two hours; the holder
    /// itself stops leading within one <see cref="CheckInterval"/> plus 2 s of a failed check, before that.
    /// </summary>
    private async Task<NpgsqlConnection> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString)
        {
            Pooling = false,
            ApplicationName = "dashboard-leadership",
            Timeout = 5,
        };
        var session = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await session.OpenAsync(cancellationToken);
            await using var keepalive = new NpgsqlCommand(
                "SET tcp_keepalives_idle = 4; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3", session);
            await keepalive.ExecuteNonQueryAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private void BeginTerm()
    {
        lock (_gate)
        {
            _held = new CancellationTokenSource();
            _term.TrySetResult(_held.Token);
        }
    }

    /// <summary>Ends the current term, if any; true if this instance was leading.</summary>
    private bool EndTerm()
    {
        CancellationTokenSource? ended;
        lock (_gate)
        {
            ended = _held;
            _held = null;
            if (ended is not null)
            {
                _term = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (ended is null)
        {
            return false;
        }

        // Not disposed: RunWhileLeaderAsync may still be linking to its token.
        ended.Cancel();
        return true;
    }

    private static async Task DisposeAsync(NpgsqlConnection? session)
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance holds the background-work lease: it runs the demo traffic and the reconciler")]
    private static partial void LogAcquired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the background-work lease (its database session failed); another instance may take it")]
    private static partial void LogLost(ILogger logger, Exception exception);
}

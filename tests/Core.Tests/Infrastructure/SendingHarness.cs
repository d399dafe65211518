using Dashboard.Core.Conversations;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>
/// A <see cref="SendService"/> on a real, migrated SQLite file with the single writer running, and a
/// recording fake in place of Plivo. Configured numbers and Powerpack are those of appsettings.json.
/// </summary>
public sealed class SendingHarness : IAsyncDisposable
{
    public const string OurNumber = "14155550100";
    public const string Powerpack = "9f1c7a52-3e8d-4b1a-9c55-5d0e2a7b6c11";

    private readonly string _folder;
    private readonly MessageWriter _writer;

    private SendingHarness(string folder, IDbContextFactory<DashboardDb> factory, MessageWriter writer)
    {
        _folder = folder;
        Db = factory;
        _writer = writer;
        Service = Create(Plivo, writer, factory);
    }

    public FakePlivoClient Plivo { get; } = new();

    public SendService Service { get; }

    public IDbContextFactory<DashboardDb> Db { get; }

    public static async Task<SendingHarness> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "core-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "dashboard.db")}";
        var factory = new PooledDbContextFactory<DashboardDb>(new DbContextOptionsBuilder<DashboardDb>().UseSqlite(connection).Options);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        var writer = new MessageWriter(
            Options.Create(new StorageOptions { ConnectionString = connection, Synchronous = "NORMAL" }),
            new LiveFeed(), new IncidentDetector(Options.Create(new IncidentOptions()), TimeProvider.System), TimeProvider.System, NullLogger<MessageWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return new SendingHarness(folder, factory, writer);
    }

    /// <summary>A second send service over the same Plivo and database, with nothing in memory: the app after a restart.</summary>
    public SendService Restarted() => Create(Plivo, _writer, Db);

    /// <summary>A send service that is never meant to reach Plivo or the database (pure validation and estimates).</summary>
    public static SendService Offline() => Create(new FakePlivoClient(), null!, null!);

    /// <summary>A send service with appsettings.json's numbers over a given Plivo, writer and database (the inbox's tests use it).</summary>
    /// <param name="time">The clock the WhatsApp window is judged by; the system's by default.</param>
    public static SendService Create(IPlivoClient plivo, MessageWriter writer, IDbContextFactory<DashboardDb> factory, TimeProvider? time = null)
    {
        var plivoOptions = new PlivoOptions
        {
            AuthId = "MATEST",
            AuthToken = "token",
            Numbers = [OurNumber, "14155550101", "447700900100"],
            Powerpacks = [Powerpack],
        };
        var addresses = new PlivoAddresses(
            new FixedOptionsMonitor<PlivoOptions>(plivoOptions),
            new FixedOptionsMonitor<PublicUrlOptions>(new PublicUrlOptions { PublicBaseUrl = "https://ops.example.com" }),
            new EmptyServiceProvider());
        return new SendService(plivo, addresses, new SendRules(new FixedOptionsMonitor<PlivoOptions>(plivoOptions)),
            new SendPolicy(factory, new ReplyPolicy(time ?? TimeProvider.System)),
            new QueuedMessages(writer), new SendSubmissions(writer, factory),
            NullLogger<SendService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS.
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>Plivo as a recording: every send is kept and answered with new UUIDs (all destinations accepted).</summary>
public sealed class FakePlivoClient : IPlivoClient
{
    private readonly List<PlivoSendRequest> _sent = [];

    public IReadOnlyList<PlivoSendRequest> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Thrown from <see cref="SendAsync"/> instead of answering, when set.</summary>
    public PlivoApiException? Refusal { get; set; }

    /// <summary>When set, each send is recorded, then waits for it before answering: a send still on its way to Plivo.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when the first send has been recorded.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<PlivoSendResponse> SendAsync(PlivoSendRequest request, CancellationToken cancellationToken = default)
    {
        if (Refusal is not null)
        {
            throw Refusal;
        }

        lock (_sent)
        {
            _sent.Add(request);
        }

        Reached.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var uuids = PlivoSendRules.SplitDestinations(request.Dst).Select(_ => Guid.NewGuid().ToString()).ToList();
        return new PlivoSendResponse { ApiId = Guid.NewGuid().ToString(), Message = "message(s) queued", MessageUuid = uuids };
    }

    /// <summary>Plivo's records for <see cref="GetMessageAsync"/>; a UUID not here is answered as unknown (404).</summary>
    public Dictionary<string, PlivoMessage> Records { get; } = [];

    /// <summary>Every Get Message call, in order.</summary>
    public List<string> Asked { get; } = [];

    /// <summary>Thrown from <see cref="GetMessageAsync"/> instead of answering, when set.</summary>
    public PlivoApiException? ReadRefusal { get; set; }

    public Task<PlivoMessage?> GetMessageAsync(string messageUuid, CancellationToken cancellationToken = default)
    {
        lock (Asked)
        {
            Asked.Add(messageUuid);
        }

        return ReadRefusal is not null ? Task.FromException<PlivoMessage?>(ReadRefusal) : Task.FromResult(Records.GetValueOrDefault(messageUuid));
    }
}

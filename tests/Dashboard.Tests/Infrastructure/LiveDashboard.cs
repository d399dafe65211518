using System.Diagnostics;
using System.Reflection;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel socket (127.0.0.1, a free port), for tests where the app calls itself over HTTP:
/// the Plivo client calling the simulator, the simulator calling the webhooks. WebApplicationFactory cannot do this
/// on .NET 9 (its TestServer has no socket, and swapping in Kestrel starts a second copy of the app), so this runs
/// Program's own entry point with command-line settings and catches the host it builds, as the factory does.
/// </summary>
/// <remarks>
/// The simulator runs in fast mode with no background traffic (tests make their own), on a temporary SQLite file.
/// </remarks>
public class LiveDashboard : IAsyncLifetime
{
    public const string AuthId = "MATESTACCOUNT000000001";
    public const string AuthToken = "test-auth-token";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("n"));
    private IHost? _host;
    private Thread? _entryPoint;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>Extra settings a derived fixture adds or overrides; a null value removes a test default.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var marker = Guid.NewGuid().ToString("n");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}",
            ["Plivo:AuthId"] = AuthId,
            ["Plivo:AuthToken"] = AuthToken,
            ["Plivo:BaseUrl"] = "",
            ["Plivo:RetryBaseDelayMilliseconds"] = "20",
            ["PublicBaseUrl"] = "",
            ["Simulator:Enabled"] = "true",
            ["Simulator:Speed"] = "Fast",
            ["Simulator:DemoSendsPerMinute"] = "0",
            ["Simulator:InboundPerMinute"] = "0",
            ["Simulator:Seed"] = "7",
            // Far more duplicates and late callbacks than real traffic has, so every test run meets them.
            ["Simulator:DuplicateCallbackShare"] = "0.3",
            ["Simulator:OutOfOrderShare"] = "0.3",
            ["Storage:Synchronous"] = "NORMAL",
            ["Logging:LogLevel:Default"] = "Warning",
            ["LiveDashboard:Marker"] = marker,
        };
        foreach (var (key, value) in Settings)
        {
            if (value is null)
            {
                // Null removes the test default, so appsettings.json (or the options' own default) applies.
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            "--applicationName=Dashboard",
            $"--contentRoot={AppContext.BaseDirectory}",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];

        var capture = new HostCapture();
        using (DiagnosticListener.AllListeners.Subscribe(capture))
        {
            var entryPoint = typeof(Program).Assembly.EntryPoint!;
            _entryPoint = new Thread(() =>
            {
                HostCapture.Current.Value = capture;
                try
                {
                    entryPoint.Invoke(null, [args]);
                }
                catch (TargetInvocationException ex)
                {
                    capture.Fail(ex.InnerException ?? ex);
                }
            })
            { IsBackground = true, Name = "Dashboard entry point" };
            _entryPoint.Start();
            _host = await capture.Host.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await Task.WhenAny(started.Task, capture.Failed).Unwrap().WaitAsync(TimeSpan.FromSeconds(60));
        }

        var addresses = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    /// <summary>A client for this app's own HTTP endpoints.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A fresh context on the app's database, for asserting what was stored.</summary>
    public DashboardDb CreateDb() => Services.GetRequiredService<IDbContextFactory<DashboardDb>>().CreateDbContext();

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/> (10 s by default).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                Assert.Fail($"Timed out waiting until {because}.");
            }

            await Task.Delay(25);
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            // Program's app.Run() returns once the host has stopped, and disposes it.
            await Task.Run(() => _entryPoint?.Join(TimeSpan.FromSeconds(30)));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>
    /// Catches the host that Program builds, from the hosting diagnostic events, as WebApplicationFactory's
    /// resolver does; events of other hosts built at the same time (parallel test classes) are told apart by an
    /// async-local set on our entry point's thread.
    /// </summary>
    private sealed class HostCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public static readonly AsyncLocal<HostCapture?> Current = new();

        private readonly TaskCompletionSource<IHost> _host = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IHost> Host => _host.Task;

        /// <summary>Completes (faulted) only if the entry point throws.</summary>
        public Task Failed => _failed.Task;

        public void Fail(Exception exception)
        {
            _host.TrySetException(exception);
            _failed.TrySetException(exception);
        }

        public void OnNext(DiagnosticListener value)
        {
            if (Current.Value == this && value.Name == "Microsoft.Extensions.Hosting")
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Current.Value == this && value.Key == "HostBuilt" && value.Value is IHost host)
            {
                _host.TrySetResult(host);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}

/// <summary>Shares one live app among the tests of a class; tests use their own numbers and UUIDs.</summary>
[CollectionDefinition(Name)]
public sealed class LiveDashboardCollection : ICollectionFixture<LiveDashboard>
{
    public const string Name = "live dashboard";
}

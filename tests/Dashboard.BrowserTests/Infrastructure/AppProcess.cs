using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// The dashboard as a user runs it: its own executable on a real Kestrel port (loopback), with a temporary SQLite
/// file, started from the repository root so it reads the real appsettings.json. Settings are overridden through
/// environment variables, as a deployment would.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AuthToken = "browser-test-token";
    public const string AdminUserName = "browser-admin";
    public const string AdminPassword = "browser-admin-password";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _folder;

    private AppProcess(Process process, string folder, Uri baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string DatabasePath => Path.Combine(_folder, "dashboard.db");

    /// <summary>Everything the app printed, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="settings">Environment variables over the defaults below (e.g. another ASPNETCORE_ENVIRONMENT).</param>
    /// <param name="executable">Another build of the app (e.g. a published one), started in its own folder; by default
    /// the build output of this solution, started in the repository root.</param>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? executable = null)
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-browser", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo(executable ?? Executable(root))
        {
            WorkingDirectory = executable is null ? root : Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Dashboard"] = $"Data Source={Path.Combine(folder, "dashboard.db")}",
            ["Plivo__AuthToken"] = AuthToken,
            ["PublicBaseUrl"] = baseUrl.ToString().TrimEnd('/'),
            ["Auth__BootstrapAdmin__UserName"] = AdminUserName,
            ["Auth__BootstrapAdmin__Password"] = AdminPassword,
            ["Simulator__Enabled"] = "false",
            ["Storage__Synchronous"] = "NORMAL",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The dashboard did not start.");
        var app = new AppProcess(process, folder, baseUrl);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow start.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The dashboard did not become healthy in 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The app's own build output, of the same configuration as these tests (the project reference builds it).</summary>
    private static string Executable(string root)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(root, "src", "Dashboard", "bin", configuration, "net10.0");
        var candidates = Directory.Exists(folder) ? Directory.GetFiles(folder, "Dashboard", SearchOption.AllDirectories) : [];
        return candidates.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"No Dashboard executable under {folder}; build the solution first.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

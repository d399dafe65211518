using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Runs the app's own executable with settings that keep it from starting (a server it cannot reach) and returns its
/// exit code and what it wrote to stderr: the start failures of ADR-009 and ADR-011 are one line naming the setting.
/// </summary>
public static class StartFailure
{
    public static async Task<(int ExitCode, string[] ErrorLines)> RunAsync(params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Dashboard.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Simulator__Enabled"] = "false";
        info.Environment["Plivo__AuthId"] = DashboardFactory.AuthId;
        info.Environment["Plivo__AuthToken"] = DashboardFactory.AuthToken;
        info.Environment["PublicBaseUrl"] = "http://localhost";
        info.Environment["Logging__LogLevel__Default"] = "None";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        _ = await output;
        return (process.ExitCode, (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

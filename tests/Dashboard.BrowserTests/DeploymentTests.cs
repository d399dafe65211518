using System.Diagnostics;
using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;

namespace Dashboard.BrowserTests;

/// <summary>
/// The app outside `dotnet run`: its build output and its `dotnet publish` output, each run in Production, serve
/// the styles and scripts the pages link to, with content (a Production run of a build output once answered every
/// static asset 200 with 0 bytes).
/// </summary>
public partial class DeploymentTests
{
    private static readonly Dictionary<string, string> Production = new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" };

    [Fact]
    public async Task BuildOutputRunInProductionServesItsStylesAndScripts()
    {
        await using var app = await AppProcess.StartAsync(Production);

        await AssertAssetsHaveContentAsync(app);
    }

    [Fact]
    public async Task PublishedAppRunInProductionServesItsStylesAndScripts()
    {
        var output = Path.Combine(Path.GetTempPath(), "dashboard-publish", Guid.NewGuid().ToString("n"));
        try
        {
            await PublishAsync(output);
            await using var app = await AppProcess.StartAsync(Production, Path.Combine(output, "Dashboard"));

            await AssertAssetsHaveContentAsync(app);
        }
        finally
        {
            // A publish that failed may have written nothing: its own error is the one to see.
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static async Task AssertAssetsHaveContentAsync(AppProcess app)
    {
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        var page = await client.GetStringAsync("/login");
        var assets = Asset().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains(assets, a => a.Contains(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith("blazor.web.js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await client.GetAsync(asset);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.IsSuccessStatusCode, $"{asset}: {(int)response.StatusCode}\n{app.Output}");
            Assert.True(body.Length > 100, $"{asset} came back with {body.Length} bytes");
        }
    }

    /// <summary>Publishes the app as the README says to deploy it, in the configuration these tests were built in.</summary>
    private static async Task PublishAsync(string output)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(AppProcess.RepositoryRoot(), "src", "Dashboard"), "-c", configuration, "-o", output, "-v", "q", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");
    }

    /// <summary>Local stylesheets and scripts a page links to (the app's own and the component library's).</summary>
    [GeneratedRegex(@"(?:href|src)=""(?!https?:|//)([^""]+\.(?:css|js)(?:\?[^""]*)?)""")]
    private static partial Regex Asset();
}

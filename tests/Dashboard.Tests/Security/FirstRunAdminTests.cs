using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Security;

public partial class FirstRunAdminTests
{
    /// <summary>A deployment that names no first admin.</summary>
    private sealed class UnconfiguredFactory : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Auth:BootstrapAdmin:UserName", ""), new("Auth:BootstrapAdmin:Password", "")];
    }

    [Fact]
    public async Task FirstRunPrintsAGeneratedAdminPasswordOnceAndItSignsIn()
    {
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        await using var app = new UnconfiguredFactory();
        try
        {
            app.CreateClient().Dispose();
        }
        finally
        {
            Console.SetOut(original);
        }

        var printed = PrintedPassword().Match(console.ToString());
        var response = await SignInTests.SignInAsync(app.CreateAnonymousClient(), "admin", printed.Groups[1].Value);

        Assert.True(printed.Success, "the password is printed");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
        Assert.DoesNotContain("password", (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))).ToLowerInvariant());
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PrintedPassword();
}

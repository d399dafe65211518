using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

public partial class FirstRunAdminTests
{
    /// <summary>A deployment that names no first admin; what it prints is captured (the console is shared by parallel tests).</summary>
    private sealed class UnconfiguredFactory : DashboardFactory
    {
        public StringWriter Printed { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Auth:BootstrapAdmin:UserName", ""), new("Auth:BootstrapAdmin:Password", "")];

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddKeyedSingleton<TextWriter>("first-run-output", Printed));
        }
    }

    [Fact]
    public async Task FirstRunPrintsAGeneratedAdminPasswordOnceAndItSignsIn()
    {
        await using var app = new UnconfiguredFactory();
        app.CreateClient().Dispose();

        var printed = PrintedPassword().Match(app.Printed.ToString());
        var response = await SignInTests.SignInAsync(app.CreateAnonymousClient(), "admin", printed.Groups[1].Value);

        Assert.True(printed.Success, "the password is printed");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
        Assert.DoesNotContain("password", (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))).ToLowerInvariant());
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PrintedPassword();
}

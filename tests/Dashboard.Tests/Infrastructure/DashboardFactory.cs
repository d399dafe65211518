using System.Net.Http.Headers;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The app on a real SQLite file of its own (deleted afterwards), with a known Plivo token so tests can sign
/// webhooks, and the simulator off unless a test turns it on.
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    public const string AuthId = "MATESTACCOUNT000000001";
    public const string AuthToken = "test-auth-token";

    /// <summary>An all-roles API key from configuration, sent by <see cref="WebApplicationFactory{T}.CreateClient()"/>.</summary>
    public const string AdminApiKey = "test-admin-api-key-0123456789";

    /// <summary>A Support-only key, for tests of what each role may see.</summary>
    public const string SupportApiKey = "test-support-api-key-0123456789";

    public const string ManagerApiKey = "test-manager-api-key-0123456789";

    public const string AgentApiKey = "test-agent-api-key-0123456789";

    public const string AdminUserName = "test-admin";
    public const string AdminPassword = "test-admin-password-1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("n"));

    public string DatabasePath => Path.Combine(_folder, "dashboard.db");

    /// <summary>Extra settings a derived fixture adds (e.g. turning the simulator on).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={DatabasePath}",
            ["Plivo:AuthId"] = AuthId,
            ["Plivo:AuthToken"] = AuthToken,
            ["PublicBaseUrl"] = "http://localhost",
            ["Simulator:Enabled"] = "false",
            // No Plivo to ask in tests: a fixture that shows reconciliation turns it on against its simulator.
            ["Reconciliation:Enabled"] = "false",
            ["Storage:Synchronous"] = "NORMAL",
            ["Api:Keys:0:Name"] = "tests",
            ["Api:Keys:0:Key"] = AdminApiKey,
            ["Api:Keys:0:Roles"] = "Support,Manager,Agent,Admin",
            ["Api:Keys:1:Name"] = "support-tests",
            ["Api:Keys:1:Key"] = SupportApiKey,
            ["Api:Keys:1:Roles"] = "Support",
            ["Api:Keys:2:Name"] = "manager-tests",
            ["Api:Keys:2:Key"] = ManagerApiKey,
            ["Api:Keys:2:Roles"] = "Manager",
            ["Api:Keys:3:Name"] = "agent-tests",
            ["Api:Keys:3:Key"] = AgentApiKey,
            ["Api:Keys:3:Roles"] = "Agent",
            ["Auth:BootstrapAdmin:UserName"] = AdminUserName,
            ["Auth:BootstrapAdmin:Password"] = AdminPassword,
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Clients act as an admin integrator by default (<see cref="AdminApiKey"/>); see <see cref="CreateAnonymousClient"/>.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
    }

    /// <summary>A client with no credentials and no automatic redirects, as a stranger's browser.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        return client;
    }

    /// <summary>A client with one API key (e.g. <see cref="SupportApiKey"/>) instead of the admin one.</summary>
    public HttpClient CreateClientWithKey(string key)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A fresh context on the app's database, for asserting what was stored.</summary>
    public DashboardDb CreateDb() => Services.GetRequiredService<IDbContextFactory<DashboardDb>>().CreateDbContext();

    /// <summary>Posts a form to a webhook path, signed with V3 as Plivo signs it.</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string path, IEnumerable<KeyValuePair<string, string>> form, string token = AuthToken)
    {
        var pairs = form.ToList();
        var nonce = Guid.NewGuid().ToString("n");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(pairs) };
        request.Headers.Add(WebhookSignatureVerifier.V3Header, PlivoSignature.ComputeV3(token, "POST", new Uri("http://localhost" + path), pairs, nonce));
        request.Headers.Add(WebhookSignatureVerifier.V3NonceHeader, nonce);
        return await CreateClient().SendAsync(request);
    }

    /// <summary>Sends a webhook as a GET with the parameters in the query string, signed with V3.</summary>
    public async Task<HttpResponseMessage> GetSignedAsync(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        var nonce = Guid.NewGuid().ToString("n");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(WebhookSignatureVerifier.V3Header, PlivoSignature.ComputeV3(AuthToken, "GET", new Uri("http://localhost" + url), [], nonce));
        request.Headers.Add(WebhookSignatureVerifier.V3NonceHeader, nonce);
        return await CreateClient().SendAsync(request);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
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
}

/// <summary>Shares one app (and one database) among the tests of a class; tests use their own message UUIDs.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFactory>
{
    public const string Name = "dashboard";
}

using Dashboard;
using Dashboard.Components;
using Dashboard.Core;
using Dashboard.Endpoints;
using Dashboard.Hubs;
using Dashboard.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryConfiguration();
builder.ServeStaticWebAssetsFromBuildOutput();

// One call per feature; each binds and validates its own options. One clock for everything (tests replace it).
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddLiveFeed(builder.Configuration);
builder.Services.AddPlivo(builder.Configuration);
builder.Services.AddWebhooks();
builder.Services.AddMessages();
builder.Services.AddReports();
builder.Services.AddSending();
builder.Services.AddInbox();
builder.Services.AddSimulator(builder.Configuration);
builder.Services.AddReconciliation(builder.Configuration);
builder.Services.AddIncidents(builder.Configuration);
builder.Services.AddCallbackReplay(builder.Configuration);
builder.Services.AddDashboardSecurity();
builder.Services.AddDashboardApi();
builder.Services.AddLiveHub(builder.Configuration);
builder.Services.AddDashboardPages();

var app = builder.Build();

app.UseDashboardPipeline();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapPlivoWebhooks();
app.MapAccountEndpoints();
app.MapMessagesApi();
app.MapReportsApi();
app.MapSimulatorApi();
app.MapOpenApi().RequireAuthorization(Policies.Operations);
app.MapHub<MessagesHub>(MessagesHub.Path);
app.MapStaticAssets().AllowAnonymous();
// Our own Content-Security-Policy (UseSecurityHeaders) already says frame-ancestors 'none'.
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
    .AllowAnonymousFrameworkScripts();

try
{
    app.Run();
}
catch (Exception ex) when (ex is Dashboard.Core.Storage.StorageUnavailableException or Dashboard.Core.Live.RedisUnavailableException)
{
    // One line naming the setting, and a non-zero exit (ADR-009, ADR-011).
    Console.Error.WriteLine(ex.Message);
    return 2;
}

return 0;

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;

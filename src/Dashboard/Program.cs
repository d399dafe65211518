using Dashboard;
using Dashboard.Components;
using Dashboard.Core;
using Dashboard.Endpoints;
using Dashboard.Hubs;
using Dashboard.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryConfiguration();
builder.ServeStaticWebAssetsFromBuildOutput();

builder.Services.AddCore(builder.Configuration);
builder.Services.AddDashboard(builder.Configuration);
builder.Services.AddSending(builder.Configuration);
builder.Services.AddSimulator(builder.Configuration);
builder.Services.AddInbox();

var app = builder.Build();

app.UseDashboardPipeline();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapPlivoWebhooks();
app.MapAccountEndpoints();
app.MapMessagesApi();
app.MapReportsApi();
app.MapSimulatorApi();
app.MapOpenApi().RequireAuthorization(Policies.Operations);
app.MapBenchmarkEndpoints(app.Configuration);
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
catch (Dashboard.Core.Storage.StorageUnavailableException ex)
{
    // One line naming the setting, and a non-zero exit (ADR-009).
    Console.Error.WriteLine(ex.Message);
    return 2;
}

return 0;

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;

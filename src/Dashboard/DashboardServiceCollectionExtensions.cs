using Dashboard.Core.Storage;
using Dashboard.Security;
using Dashboard.Components.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace Dashboard;

/// <summary>The host's own registrations and pipeline: configuration, static assets, the API plumbing, the pages.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Reads the repository's top-level appsettings.json (the one configuration file) when the app runs from
    /// somewhere else than the repository root, e.g. from a test host; environment variables and arguments
    /// still win over it.
    /// </summary>
    public static void AddRepositoryConfiguration(this WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            return;
        }

        var copied = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(copied))
        {
            // Insert before the environment-variable and command-line sources so they still override it.
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            });
        }
    }

    /// <summary>
    /// Serves the static web assets of the framework and the component library (blazor.web.js, their CSS) from a
    /// build output in every environment, not only in Development: without this a Release build run in Production
    /// answers them 200 with no content. A published app has them in wwwroot and no runtime manifest, so this does
    /// nothing there; publishing stays the way to deploy (README).
    /// </summary>
    public static void ServeStaticWebAssetsFromBuildOutput(this WebApplicationBuilder builder) =>
        builder.WebHost.UseStaticWebAssets();

    /// <summary>The read API's plumbing: problem+json answers, its OpenAPI document, the health check.</summary>
    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // The read API's document (/openapi/v1.json); webhooks, the simulator and the pages are not part of it.
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<LiveHealthCheck>("live");
        return services;
    }

    /// <summary>The pages: Blazor Server components on MudBlazor, and the viewer's time zone per circuit.</summary>
    public static IServiceCollection AddDashboardPages(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Results of actions (sent, saved, failed and why) as snackbars at the bottom, where they cover no controls.
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            o.SnackbarConfiguration.PreventDuplicates = false;
            o.SnackbarConfiguration.ShowCloseIcon = true;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddScoped<ViewerTime>();
        return services;
    }

    public static WebApplication UseDashboardPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            // The APIs (the CSV export too) answer a failure as problem+json (AddProblemDetails), not the HTML error page.
            app.UseWhen(context => SecurityServiceCollectionExtensions.IsApi(context.Request), api => api.UseExceptionHandler());
        }

        // APIs, webhooks, the simulator and the hub answer a bare status as problem+json; a person who types an unknown
        // address gets the not-found page inside the app's frame (re-executed, so the 404 status stays).
        // The inner handler sees a bare status first; for anything but a page request it steps aside for the outer one.
        app.UseStatusCodePages();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(ReExecuteOnlyPageRequests);
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    private static readonly string[] MachinePaths = ["/api", "/plivo", "/sim", "/hubs", "/healthz", "/account", "/_blazor", "/_framework", "/openapi"];

    /// <summary>
    /// Turns the not-found re-execution off unless a person's browser asks for a page: a GET outside the API, webhook,
    /// simulator, hub and framework paths, without an API key. (The feature is the innermost status-code handler's.)
    /// </summary>
    private static Task ReExecuteOnlyPageRequests(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var page = HttpMethods.IsGet(request.Method)
            && !request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            && !MachinePaths.Any(p => request.Path.StartsWithSegments(p));
        if (!page && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } reExecute)
        {
            reExecute.Enabled = false;
        }

        return next(context);
    }
}

/// <summary>Healthy once migrations ran and the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(DatabaseInitializer initializer, Microsoft.EntityFrameworkCore.IDbContextFactory<DashboardDb> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!initializer.IsReady)
        {
            return HealthCheckResult.Unhealthy("The database is not migrated yet.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}

/// <summary>
/// Degraded (still 200: this instance stores and acknowledges webhooks, a load balancer should keep it) while Redis is
/// configured and not connected, so live updates from the other instances do not arrive (ADR-011).
/// </summary>
internal sealed class LiveHealthCheck(Dashboard.Core.Live.LiveStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.CrossInstanceDegraded
            ? HealthCheckResult.Degraded("Redis (ConnectionStrings:Redis) is not connected: live updates from other instances are interrupted.")
            : HealthCheckResult.Healthy());
}

using System.Security.Claims;
using Dashboard.Components.Shared;
using Dashboard.Core.Users;
using Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The one base of the component tests: a bUnit context with MudBlazor's services, a JS runtime that answers every
/// call with a default (MudBlazor calls its own script a lot; no test asserts those calls), a fake clock at
/// <see cref="Now"/>, interactive rendering as in a circuit, and the viewer's time zone (UTC unless a test says otherwise). Disposed asynchronously through
/// xunit's <see cref="IAsyncLifetime"/>: MudBlazor's services are only <see cref="IAsyncDisposable"/>.
/// Select elements by <c>data-*</c> attributes or roles, never by MudBlazor's CSS classes.
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private AsyncServiceScope? _appScope;

    protected ComponentTestBase()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton<TimeProvider>(Time);
        Context.Services.AddSingleton(Viewer);
    }

    protected BunitContext Context { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>The viewer's time zone and formatting; <see cref="ViewerTime.Use"/> changes the zone.</summary>
    protected ViewerTime Viewer { get; } = new();

    /// <summary>Renders as in a live circuit. Register services before the first render: bUnit freezes them then.</summary>
    protected IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        // Creates the renderer, which resolves services: hence here, not in the constructor.
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Context.Render(parameters);
    }

    /// <summary>
    /// Lets components resolve what this context does not register (Core's services, the database) from a scope of
    /// the real app: for pages and components that call Core.
    /// </summary>
    protected void UseAppServices(IServiceProvider app)
    {
        _appScope = app.CreateAsyncScope();
        Context.Services.AddFallbackServiceProvider(_appScope.Value.ServiceProvider);
    }

    /// <summary>
    /// Signs <paramref name="name"/> in with <paramref name="roles"/>, judged by the app's own policies and authorization
    /// service (not bUnit's stand-ins for them). Call before the first render.
    /// </summary>
    protected void SignIn(string name, UserRoles roles)
    {
        Context.Services.AddAuthorizationCore(Policies.Add);
        Context.Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Context.Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Context.Services.AddCascadingAuthenticationState();
        var user = new ClaimsPrincipal(new ClaimsIdentity(Policies.Claims(name, roles), "test"));
        Context.Services.AddSingleton<AuthenticationStateProvider>(new SignedIn(user));
    }

    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        if (_appScope is { } scope)
        {
            await scope.DisposeAsync();
        }
    }
}

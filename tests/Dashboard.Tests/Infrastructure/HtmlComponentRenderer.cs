using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Radzen;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's own <see cref="HtmlRenderer"/> (bunit does not restore here),
/// in a fresh scope of the app's services, and parses it with AngleSharp. Static rendering: no circuit, no JS.
/// Presentational components can use <see cref="Standalone"/> instead: a small service collection of their own.
/// </summary>
public sealed class HtmlComponentRenderer(IServiceProvider services) : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope = services.CreateAsyncScope();
    private ServiceProvider? _owned;
    private bool _navigationReady;

    /// <summary>
    /// A renderer over only what presentational components need: Radzen's services, <paramref name="time"/> as the
    /// <see cref="TimeProvider"/>, an <see cref="IJSRuntime"/> that answers nothing and a navigation manager at
    /// <c>http://localhost/</c>, plus whatever <paramref name="configure"/> adds.
    /// </summary>
    public static HtmlComponentRenderer Standalone(TimeProvider time, Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddRadzenComponents();
        collection.AddSingleton<IJSRuntime, NoJsRuntime>();
        collection.AddSingleton<NavigationManager, TestNavigationManager>();
        collection.AddSingleton(time);
        configure?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        return new HtmlComponentRenderer(provider) { _owned = provider };
    }

    /// <param name="uri">The page's address, for components that read <see cref="NavigationManager.Uri"/>.</param>
    public async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null, string uri = "http://localhost/")
        where TComponent : IComponent
    {
        InitializeNavigation(uri);
        await using var renderer = new HtmlRenderer(_scope.ServiceProvider, _scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(
                parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));
    }

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> in this scope as a circuit would, to dispatch events to it (see
    /// <see cref="InteractiveRenderer"/>); dispose it before this renderer.
    /// </summary>
    public async Task<InteractiveRenderer> RenderInteractiveAsync<TComponent>(IDictionary<string, object?>? parameters = null, string uri = "http://localhost/")
        where TComponent : IComponent
    {
        InitializeNavigation(uri);
        var renderer = new InteractiveRenderer(_scope.ServiceProvider, _scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        await renderer.MountAsync<TComponent>(parameters);
        return renderer;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    private void InitializeNavigation(string uri)
    {
        if (_scope.ServiceProvider.GetRequiredService<NavigationManager>() is IHostEnvironmentNavigationManager navigation && !_navigationReady)
        {
            // Outside a request or circuit nobody initialises it; Radzen's components read it while rendering.
            navigation.Initialize("http://localhost/", uri);
            _navigationReady = true;
        }
    }

    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }

    private sealed class TestNavigationManager : NavigationManager
    {
        public TestNavigationManager() => Initialize("http://localhost/", "http://localhost/");

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }
}

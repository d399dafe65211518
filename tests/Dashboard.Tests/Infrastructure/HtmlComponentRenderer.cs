using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's own <see cref="HtmlRenderer"/> (bunit does not restore here),
/// in a fresh scope of the app's services, and parses it with AngleSharp. Static rendering: no circuit, no JS.
/// </summary>
public sealed class HtmlComponentRenderer(IServiceProvider services) : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope = services.CreateAsyncScope();
    private bool _navigationReady;

    /// <param name="uri">The page's address, for components that read <see cref="NavigationManager.Uri"/>.</param>
    public async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null, string uri = "http://localhost/")
        where TComponent : IComponent
    {
        if (_scope.ServiceProvider.GetRequiredService<NavigationManager>() is IHostEnvironmentNavigationManager navigation && !_navigationReady)
        {
            // Outside a request or circuit nobody initialises it; Radzen's components read it while rendering.
            navigation.Initialize("http://localhost/", uri);
            _navigationReady = true;
        }

        await using var renderer = new HtmlRenderer(_scope.ServiceProvider, _scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(
                parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}

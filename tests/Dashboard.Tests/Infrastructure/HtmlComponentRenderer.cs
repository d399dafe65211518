using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using Radzen;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's <see cref="HtmlRenderer"/> (bunit is not available here) and
/// parses it with AngleSharp. The services are what presentational components need: Radzen's, a fake clock, and an
/// <see cref="IJSRuntime"/> that answers nothing (static rendering never runs after-render JavaScript).
/// </summary>
public sealed class HtmlComponentRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public HtmlComponentRenderer(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRadzenComponents();
        services.AddSingleton<IJSRuntime, NoJsRuntime>();
        services.AddSingleton<NavigationManager, TestNavigationManager>();
        services.AddSingleton<TimeProvider>(Time);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Renders <typeparamref name="T"/> with <paramref name="parameters"/> and returns the parsed fragment.</summary>
    public async Task<IDocument> RenderAsync<T>(IDictionary<string, object?> parameters)
        where T : IComponent
    {
        var html = await _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return new HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }

    private sealed class TestNavigationManager : NavigationManager
    {
        public TestNavigationManager() => Initialize("http://localhost/", "http://localhost/inbox");

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }
}

using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's <see cref="HtmlRenderer"/> (no browser, no bunit) and parses
/// it with AngleSharp. <see cref="Services"/> starts with what Radzen components need: Radzen's services, a
/// navigation manager and a JS runtime that answers every call with a default value.
/// </summary>
public abstract class ComponentTestBase
{
    protected ComponentTestBase()
    {
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<IJSRuntime, NullJsRuntime>();
        Services.AddSingleton<NavigationManager, TestNavigationManager>();
        Services.AddRadzenComponents();
    }

    /// <summary>Add what the component under test injects before the first render.</summary>
    protected IServiceCollection Services { get; } = new ServiceCollection();

    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> and parses the HTML.</summary>
    protected async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var html = await RenderHtmlAsync<TComponent>(parameters);
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }

    protected async Task<string> RenderHtmlAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        await using var provider = Services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters.ToDictionary());
            var output = await renderer.RenderComponentAsync<TComponent>(view);
            return output.ToHtmlString();
        });
    }

    /// <summary>Answers every JS call with the default of the expected type: enough for server-side rendering.</summary>
    private sealed class NullJsRuntime : IJSRuntime
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

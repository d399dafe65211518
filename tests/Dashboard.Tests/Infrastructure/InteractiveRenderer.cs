// Reading the render tree is what a renderer does; this one stands in for the browser of a circuit.
#pragma warning disable BL0006

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A component rendered as a circuit renders it, for tests of what a page does when used: DOM events are dispatched to
/// its handlers and it re-renders after them (made by <see cref="HtmlComponentRenderer.RenderInteractiveAsync{TComponent}"/>).
/// It plays a browser that has not yet received the renders: the event handlers of earlier renders stay valid, so a
/// second click reaches a handler a re-render replaced, as a double click does over a circuit; and OnAfterRender never
/// runs (only JS interop happens there, and there is no JS here).
/// </summary>
public sealed class InteractiveRenderer(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly CircuitRenderer _renderer = new(services, loggers);

    /// <summary>The handler of <paramref name="eventName"/> (e.g. <c>onsubmit</c>) on the first <paramref name="element"/> that has one (and <c>name=</c><paramref name="name"/>).</summary>
    public Task<ulong> FindHandlerAsync(string element, string eventName, string? name = null) => _renderer.FindHandlerAsync(element, eventName, name);

    /// <summary>Dispatches an event to <paramref name="handler"/> as the browser does; completes when the handler has.</summary>
    public Task DispatchAsync(ulong handler, EventArgs args) => _renderer.DispatchAsync(handler, args);

    /// <summary>Types <paramref name="value"/> into the field <c>name=</c><paramref name="name"/> (its oninput handler, or its onchange).</summary>
    public Task InputAsync(string name, string value) => _renderer.InputAsync(name, value);

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    internal Task MountAsync<TComponent>(IDictionary<string, object?>? parameters)
        where TComponent : IComponent => _renderer.MountAsync<TComponent>(parameters);
}

/// <summary>The framework's renderer, driven as a circuit drives it, without a browser to send renders to.</summary>
internal sealed class CircuitRenderer(IServiceProvider services, ILoggerFactory loggers) : Renderer(services, loggers)
{
    private static readonly Task NotAcknowledged = new TaskCompletionSource().Task;
    private readonly List<Exception> _errors = [];
    private int _root;

    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    public Task<ulong> FindHandlerAsync(string element, string eventName, string? name = null) =>
        Dispatcher.InvokeAsync(() => Find(_root, element, eventName, name)
            ?? throw new InvalidOperationException($"No <{element}{(name is null ? "" : $" name={name}")}> with an {eventName} handler was rendered."));

    public async Task DispatchAsync(ulong handler, EventArgs args)
    {
        await Dispatcher.InvokeAsync(() => DispatchEventAsync(handler, null, args));
        ThrowErrors();
    }

    public async Task InputAsync(string name, string value)
    {
        var handler = await Dispatcher.InvokeAsync(() => Find(_root, "*", "oninput", name) ?? Find(_root, "*", "onchange", name))
            ?? throw new InvalidOperationException($"No field name={name} with an oninput or onchange handler was rendered.");
        await DispatchAsync(handler, new ChangeEventArgs { Value = value });
    }

    internal async Task MountAsync<TComponent>(IDictionary<string, object?>? parameters)
        where TComponent : IComponent
    {
        await Dispatcher.InvokeAsync(async () =>
        {
            _root = AssignRootComponentId(InstantiateComponent(typeof(TComponent)));
            await RenderRootComponentAsync(_root, parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters));
        });
        ThrowErrors();
    }

    protected override void HandleException(Exception exception)
    {
        lock (_errors)
        {
            _errors.Add(exception);
        }
    }

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch) => NotAcknowledged;

    private ulong? Find(int componentId, string element, string eventName, string? name)
    {
        var frames = GetCurrentRenderTreeFrames(componentId);
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            if (frame.FrameType == RenderTreeFrameType.Component && Find(frame.ComponentId, element, eventName, name) is { } inChild)
            {
                return inChild;
            }

            if (frame.FrameType != RenderTreeFrameType.Element || (element != "*" && !string.Equals(frame.ElementName, element, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            ulong? handler = null;
            string? elementName = null;
            for (var a = i + 1; a < frames.Count && frames.Array[a].FrameType == RenderTreeFrameType.Attribute; a++)
            {
                var attribute = frames.Array[a];
                if (attribute.AttributeName == eventName && attribute.AttributeEventHandlerId != 0)
                {
                    handler = attribute.AttributeEventHandlerId;
                }
                else if (attribute.AttributeName == "name")
                {
                    elementName = attribute.AttributeValue as string;
                }
            }

            if (handler is not null && (name is null || name == elementName))
            {
                return handler;
            }
        }

        return null;
    }

    private void ThrowErrors()
    {
        lock (_errors)
        {
            if (_errors.Count > 0)
            {
                throw new AggregateException("The component threw.", _errors);
            }
        }
    }
}

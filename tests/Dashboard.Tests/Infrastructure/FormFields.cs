using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Infrastructure;

/// <summary>How component tests fill in a MudForm: type into a field by its name, read the error shown next to it.</summary>
public static class FormFields
{
    /// <summary>Types into the field <c>name=</c><paramref name="name"/>, as its input (immediate fields) or change event.</summary>
    public static void Type<TComponent>(this IRenderedComponent<TComponent> component, string name, string value)
        where TComponent : IComponent
    {
        var field = component.Find($"[name={name}]");
        if (field.HasAttribute("blazor:oninput"))
        {
            field.Input(value);
        }
        else
        {
            field.Change(value);
        }
    }

    /// <summary>The message shown next to the field, as a screen reader finds it (the field's aria-describedby); null when it is valid.</summary>
    public static string? ErrorOf<TComponent>(this IRenderedComponent<TComponent> component, string name)
        where TComponent : IComponent
    {
        var field = component.Find($"[name={name}]");
        if (field.GetAttribute("aria-invalid") != "true")
        {
            return null;
        }

        var ids = (field.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return ids.Select(id => component.Nodes.QuerySelector($"[id='{id}']")?.TextContent.Trim()).FirstOrDefault(t => !string.IsNullOrEmpty(t));
    }
}

using AngleSharp.Dom;
using Dashboard.Components.Pages.Compose;

namespace Dashboard.Tests.Components;

/// <summary>How the compose tests use the form: type into a field by its name, read the error shown next to it.</summary>
internal static class ComposeForm
{
    /// <summary>Types into the field <c>name=</c><paramref name="name"/>, as its input (immediate fields) or change event.</summary>
    public static void Type(this IRenderedComponent<ComposePage> page, string name, string value)
    {
        var field = page.Find($"[name={name}]");
        if (field.HasAttribute("blazor:oninput"))
        {
            field.Input(value);
        }
        else
        {
            field.Change(value);
        }
    }

    /// <summary>The message shown next to the field, as a screen reader finds it (the field's aria-describedby); null when none.</summary>
    public static string? ErrorOf(this IRenderedComponent<ComposePage> page, string name)
    {
        var field = page.Find($"[name={name}]");
        if (field.GetAttribute("aria-invalid") != "true")
        {
            return null;
        }

        var ids = (field.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return ids.Select(id => page.Nodes.QuerySelector($"[id='{id}']")?.TextContent.Trim()).FirstOrDefault(t => !string.IsNullOrEmpty(t));
    }

    public static IElement Counter(this IRenderedComponent<ComposePage> page) => page.Find("[data-counter]");

    public static Task SendAsync(this IRenderedComponent<ComposePage> page) => page.Find("[data-testid=send]").ClickAsync(new());
}

using AngleSharp.Dom;
using Dashboard.Components.Pages.Compose;

namespace Dashboard.Tests.Components;

/// <summary>The compose page's parts the tests look at (fields and their errors: <see cref="Infrastructure.FormFields"/>).</summary>
internal static class ComposeForm
{
    public static IElement Counter(this IRenderedComponent<ComposePage> page) => page.Find("[data-counter]");

    public static Task SendAsync(this IRenderedComponent<ComposePage> page) => page.Find("[data-testid=send]").ClickAsync(new());
}

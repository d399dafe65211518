using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// A message as a row of the log. Its parameters are the shown fields, values Blazor compares itself (strings, numbers,
/// enums, times), not the <see cref="Message"/> (an object, which Blazor treats as changed on every render): a live
/// batch renders again only the rows whose message, or whose highlight, it changed.
/// </summary>
public sealed partial class MessageLogRow
{
    [Parameter, EditorRequired]
    public string Uuid { get; set; } = "";

    [Parameter]
    public DateTime Time { get; set; }

    [Parameter]
    public MessageDirection Direction { get; set; }

    [Parameter]
    public MessageType Type { get; set; }

    [Parameter]
    public string From { get; set; } = "";

    [Parameter]
    public string To { get; set; } = "";

    [Parameter]
    public MessageState State { get; set; }

    [Parameter]
    public string? Text { get; set; }

    [Parameter]
    public string? ErrorCode { get; set; }

    [Parameter]
    public string? Country { get; set; }

    [Parameter]
    public long? TotalAmount { get; set; }

    /// <summary>The row's class: <c>row-new</c> or <c>row-changed</c> for a moment after a live batch, else empty.</summary>
    [Parameter]
    public string Highlight { get; set; } = "";

    private bool Inbound => Direction == MessageDirection.Inbound;

    private string DirectionIcon => Inbound ? Icons.Material.Filled.CallReceived : Icons.Material.Filled.CallMade;

    /// <summary>The start of the text for the log's column (the whole text is its tooltip and on the detail page).</summary>
    private string Snippet => Text is null ? "" : Text.Length <= 40 ? Text : string.Concat(Text.AsSpan(0, 39).TrimEnd(), "…");
}

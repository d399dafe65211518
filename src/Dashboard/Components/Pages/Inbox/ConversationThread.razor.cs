using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>Renders a conversation's messages; pure (parameters in, events out), so it renders the same in tests.</summary>
public sealed partial class ConversationThread
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".heic"];

    /// <summary>The messages, oldest first.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ThreadMessage> Messages { get; set; } = [];

    [Parameter]
    public bool HasEarlier { get; set; }

    [Parameter]
    public EventCallback OnShowEarlier { get; set; }

    /// <summary>Whether the one-click opt-out may be offered (the contact is not opted out already).</summary>
    [Parameter]
    public bool CanOptOut { get; set; }

    [Parameter]
    public EventCallback OnOptOut { get; set; }

    /// <summary>"image" to show inline, "link" for other http(s) media, "unsafe" for anything that must not become a link.</summary>
    internal static string MediaKind(ThreadMedia media)
    {
        if (!MediaLinks.IsSafe(media.Url, out var uri))
        {
            return "unsafe";
        }

        if (media.ContentType is { } type)
        {
            return type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? "image" : "link";
        }

        var path = uri.AbsolutePath;
        return ImageExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? "image" : "link";
    }

    private static string FileName(ThreadMedia media)
    {
        var name = Uri.TryCreate(media.Url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : "";
        var label = string.IsNullOrEmpty(name) ? "attachment" : Uri.UnescapeDataString(name);
        return media.ContentType is { } type ? $"{label} ({type})" : label;
    }

    private static string IntentLabel(string intent) => intent switch
    {
        OptOutKeywords.OptOut => "Opt-out keyword: the contact was opted out",
        OptOutKeywords.OptIn => "Opt-in keyword: the contact was opted back in",
        OptOutKeywords.Help => "Help keyword",
        _ => intent,
    };

    private static string IntentClass(ThreadMessage m) => m.MessageIntent switch
    {
        OptOutKeywords.OptOut => "intent-optout",
        OptOutKeywords.OptIn => "intent-optin",
        OptOutKeywords.Help => "intent-help",
        _ => m.LooksLikeOptOut ? "flagged" : "",
    };
}

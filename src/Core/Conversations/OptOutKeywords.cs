using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Conversations;

/// <summary>
/// Decides the intent of an inbound text the way Plivo's DND service does: the whole text, ignoring case and
/// surrounding spaces, must be a keyword ("can you stop texting me" is not one). Texts that merely read like
/// an opt-out request are flagged by <see cref="LooksLikeOptOut"/> for an agent to confirm.
/// </summary>
public sealed partial class OptOutKeywords(IOptions<OptOutOptions> options)
{
    public const string OptOut = "optout";
    public const string OptIn = "optin";
    public const string Help = "help";

    /// <summary>Plivo's <c>MessageIntent</c> when it sent one, else ours from the keyword lists; null for ordinary text.</summary>
    public string? Classify(string? plivoIntent, string? text)
    {
        if (plivoIntent is OptOut or OptIn or Help)
        {
            return plivoIntent;
        }

        var keyword = Normalize(text);
        if (keyword.Length == 0)
        {
            return null;
        }

        var o = options.Value;
        return Matches(o.OptOutKeywords, keyword) ? OptOut
            : Matches(o.OptInKeywords, keyword) ? OptIn
            : Matches(o.HelpKeywords, keyword) ? Help
            : null;
    }

    /// <summary>The confirmation text to send back for an intent, or null for none.</summary>
    public string? ReplyFor(string? intent) => intent switch
    {
        OptOut => NullIfEmpty(options.Value.OptOutReply),
        OptIn => NullIfEmpty(options.Value.OptInReply),
        Help => NullIfEmpty(options.Value.HelpReply),
        _ => null,
    };

    /// <summary>
    /// True for free text that asks not to be messaged without being a keyword ("please stop texting me",
    /// "unsubscribe me", "remove me from your list"), so the inbox can offer a one-click opt-out.
    /// </summary>
    public static bool LooksLikeOptOut(string? text) => text is not null && OptOutPhrase().IsMatch(text);

    private static bool Matches(List<string> keywords, string keyword) =>
        keywords.Exists(k => string.Equals(Normalize(k), keyword, StringComparison.Ordinal));

    private static string Normalize(string? text) =>
        text is null ? "" : Whitespace().Replace(text.Trim(), " ").ToUpperInvariant();

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(
        @"\b(stop|quit|cease|don'?t|do not|no more)\b.{0,30}\b(text|txt|messag|sms|contact|send|spam)|\bunsubscribe\b|\bopt[\s-]?out\b|\bremove me\b|\btake me off\b|\bleave me alone\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptOutPhrase();
}

namespace Dashboard.Core.Messages;

/// <summary>
/// What a search means, in the message log and the inbox alike: a UUID (any case) finds that message; a term written
/// like a phone number ("+1 (415) 555-0199", "5550199", at least three digits) finds numbers containing those digits
/// anywhere (the log: from or to; the inbox: the contact's); anything else finds text containing it, ignoring case.
/// </summary>
public sealed record MessageSearch(string? Uuid, string? Digits, string? TextPattern)
{
    public const string Escape = "\\";

    public static MessageSearch Read(string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return new(null, null, null);
        }

        if (Guid.TryParse(term, out _))
        {
            return new(term.ToLowerInvariant(), null, null);
        }

        var digits = new string([.. term.Where(char.IsAsciiDigit)]);
        if (digits.Length >= 3 && term.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or '.' or ' '))
        {
            return new(null, digits, null);
        }

        // LIKE over the lower-cased text with the lower-cased term: provider-neutral (SQLite's LIKE folds ASCII only).
        var escaped = term.ToLowerInvariant().Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_");
        return new(null, null, "%" + escaped + "%");
    }
}

using System.Globalization;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>How the inbox writes numbers and times.</summary>
internal static class InboxFormat
{
    /// <summary>"+14155550100" for an E.164 number stored as digits; a sender ID as is.</summary>
    public static string Number(string number) =>
        number.Length > 0 && number.All(char.IsAsciiDigit) ? "+" + number : number;

    public static string Utc(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

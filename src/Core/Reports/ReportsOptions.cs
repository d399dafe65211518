using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Reports;

/// <summary>Tuning of the report pages (section <c>Reports</c>; every value has a sensible default).</summary>
public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>
    /// A message still queued or sent (no delivery report) this long after its last progress is flagged on its
    /// timeline. A <c>sent</c> without a report is normal on some networks (US/CA carriers send none), so it is
    /// flagged as information, not as an error.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far back "the top error codes now" on the overview look.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RecentErrorsWindow { get; set; } = TimeSpan.FromHours(1);
}

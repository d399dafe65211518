namespace Dashboard.Components.Shared;

/// <summary>One named series of a <see cref="ReportChart"/>: a value per category, null where there is none.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double?> Values);

using Dashboard.Core.Reports;

namespace Dashboard.Core.Tests.Reports;

public class MonthEndProjectionTests
{
    private static readonly DateOnly February = new(2026, 2, 1);

    [Fact]
    public void ProjectsTheSpendSoFarOverTheWholeMonth()
    {
        var projection = ReportQueries.Project(February, 700_000, new DateTime(2026, 2, 8, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(new MonthEndProjection(February, 700_000, 2_800_000, 7, 28), projection);
    }

    [Fact]
    public void PartDaysCountAsTheirFraction()
    {
        var projection = ReportQueries.Project(February, 100_000, new DateTime(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc));

        Assert.Equal(5_600_000, projection.Projected);
    }

    [Fact]
    public void NothingIsProjectedInTheMonthsFirstMinute()
    {
        var projection = ReportQueries.Project(February, 650, new DateTime(2026, 2, 1, 0, 0, 30, DateTimeKind.Utc));

        Assert.Equal(650, projection.Projected);
    }
}

using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Endpoints;

[Collection(SeededReportsCollection.Name)]
public class ReportsApiTests(SeededReports seeded)
{
    [Fact]
    public async Task CostsCsvHoldsEverySectionOfTheCostsPage()
    {
        using var response = await seeded.App.CreateClient().GetAsync("/api/reports/costs.csv?from=2026-11-10&to=2026-11-15&group=week");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("costs-2026-11-10-2026-11-15-week.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            """
            section,key,label,messages,units,amount
            total,total,Total,10,13,0.10100
            week,2026-11-09,2026-W46 (from 9 Nov),10,13,0.10100
            message_type,sms,SMS,7,10,0.05300
            message_type,whatsapp,WhatsApp,2,2,0.02800
            message_type,mms,MMS,1,1,0.02000
            message_direction,outbound,Outbound,10,13,0.10100
            destination_country,US,United States,5,8,0.06550
            destination_country,GB,United Kingdom,3,3,0.02800
            destination_country,DE,Germany,2,2,0.00750
            powerpack,,No Powerpack (own number),7,8,0.05350
            powerpack,1d5f3dd8-b207-4738-b59f-3c2ac7d3461c,1d5f3dd8-b207-4738-b59f-3c2ac7d3461c,3,5,0.04750
            conversation_origin,marketing,Marketing,1,1,0.01400
            conversation_origin,utility,Utility,1,1,0.01400
            failed_or_undelivered_by_error_code,30,30 · Spam detected,2,2,0.01400
            failed_or_undelivered_by_error_code,900,900 · Insufficient credit,2,2,0.00000
            failed_or_undelivered_by_carrier,262/01,Telekom,1,1,0.00750
            failed_or_undelivered_by_carrier,310/410,AT&T,1,1,0.00650
            failed_or_undelivered_by_carrier,,No carrier reported,2,2,0.00000
            month_to_date,2026-11,Spent so far this month,,,0.10100
            month_end_projection,2026-11,Projected at the current rate,,,0.20200

            """.ReplaceLineEndings("\r\n"),
            csv);
    }

    [Fact]
    public async Task PerMessageCsvHasOneRowPerMessageUnderPlivosMdrNames()
    {
        using var response = await seeded.App.CreateClient().GetAsync("/api/reports/costs/messages.csv?from=2026-11-15&to=2026-11-16");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("messages-2026-11-15-2026-11-16.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            "message_uuid,message_time,message_direction,message_type,message_state,error_code,from_number,to_number,destination_country_iso2,"
            + "powerpack_id,units,total_rate,total_amount,conversation_id,conversation_origin",
            lines[0]);
        Assert.Equal(
            [seeded.Uuids["H"], seeded.Uuids["K"], seeded.Uuids["I"], seeded.Uuids["J"]],
            lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(
            $"{seeded.Uuids["K"]},2026-11-15 23:52:00.000000+00:00,outbound,sms,delivered,000,14155550100,{SeededReports.UsNumber},US,{SeededReports.Powerpack},3,0.01950,0.01950,,",
            lines[2]);
    }

    [Fact]
    public async Task ExportsHaveNoRowsForDaysThatHaveNotHappened()
    {
        using var summary = await seeded.App.CreateClient().GetAsync("/api/reports/costs.csv?from=2026-11-15&to=2026-11-17&group=day");
        var csv = await summary.Content.ReadAsStringAsync();

        Assert.Equal("costs-2026-11-15-2026-11-16-day.csv", summary.Content.Headers.ContentDisposition?.FileNameStar ?? summary.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("day,2026-11-16,", csv);
        Assert.DoesNotContain("2026-11-17", csv);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("group=year", "group")]
    [InlineData("from=0001-01-01&to=9999-12-30&group=day", "from")]
    [InlineData("from=2026-11-01&to=9999-12-31&group=month", "to")]
    [InlineData("from=2025-01-01&to=2026-11-16&group=week", "to")]
    public async Task AnUnreadableQueryIsAProblem(string query, string field)
    {
        using var response = await seeded.App.CreateClient().GetAsync($"/api/reports/costs.csv?{query}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message_time__gte=0001-01-01 00:00", "message_time__gte")]
    [InlineData("message_time__lt=9999-12-31 23:59:59", "message_time__lt")]
    public async Task MessageTimesOutsideTheWindowAreAProblem(string query, string field)
    {
        using var response = await seeded.App.CreateClient().GetAsync($"/api/messages?{query}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgreSqlSeededReportsCollection.Name)]
public sealed class PostgreSqlReportsApiTests(PostgreSqlSeededReports seeded) : ReportsApiTests(seeded);

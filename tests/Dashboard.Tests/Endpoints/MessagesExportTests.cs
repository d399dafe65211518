using System.Net;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Endpoints;

/// <summary>The log's CSV export and the several-states filter, on an app of their own so the rows are exact.</summary>
public class MessagesExportTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app = app;

    [Fact]
    public async Task CsvExportWritesOneRowPerMessageOfTheFilterWithUtcTimes()
    {
        var failed = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var uuid = Callbacks.NewUuid();
            var state = i % 2 == 0 ? "failed" : "delivered";
            await _app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, state, 2,
                ("MessageTime", $"{Callbacks.Day} 14:0{i}:00.000000"), ("ErrorCode", state == "failed" ? "901" : "000")));
            if (state == "failed")
            {
                failed.Add(uuid);
            }
        }

        var response = await _app.CreateClient().GetAsync(
            $"/api/messages.csv?message_state=failed&error_code=901&message_time__gte={Callbacks.Day} 14:00&message_time__lt={Callbacks.Day} 14:10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"messages-{Callbacks.Day}T1400Z-to-{Callbacks.Day}T1410Z.csv", response.Content.Headers.ContentDisposition!.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("message_uuid,message_time,", lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(Enumerable.Reverse(failed), rows.Select(r => r[0]));
        Assert.Equal($"{Callbacks.Day}T14:04:00.000Z", rows[0][1]);
        Assert.All(rows, r => Assert.Equal("failed", r[5]));
    }

    [Fact]
    public async Task SeveralStatesAreOneCommaSeparatedParameterOrARepeatedOne()
    {
        var failed = Callbacks.NewUuid();
        var undelivered = Callbacks.NewUuid();
        await _app.PostSignedAsync("/plivo/status", Callbacks.Status(failed, "failed", 2, ("MessageTime", $"{Callbacks.Day} 15:00:00.000000"), ("ErrorCode", "450")));
        await _app.PostSignedAsync("/plivo/status", Callbacks.Status(undelivered, "undelivered", 2, ("MessageTime", $"{Callbacks.Day} 15:01:00.000000"), ("ErrorCode", "450")));

        using var comma = await GetAsync("/api/messages?error_code=450&message_state=failed,undelivered");
        using var repeated = await GetAsync("/api/messages?error_code=450&message_state=failed&message_state=undelivered");

        string?[] both = [undelivered, failed];
        Assert.Equal(both, comma.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("message_uuid").GetString()));
        Assert.Equal(both, repeated.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("message_uuid").GetString()));
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}

namespace Dashboard.Tests.Infrastructure;

/// <summary>Builds webhook forms as Plivo sends them (docs/plivo/status-callbacks.md, docs/plivo/inbound-messages.md).</summary>
public static class Callbacks
{
    /// <summary>
    /// The day (yyyy-MM-dd) the callbacks' times fall on: yesterday in UTC, so they are always in the past and within
    /// the window of now the parser accepts (a fixed date would age out of it).
    /// </summary>
    public static readonly string Day = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static List<KeyValuePair<string, string>> Status(string uuid, string status, int sequence, params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageUUID"] = uuid,
            ["To"] = "14155550123",
            ["From"] = "14155550100",
            ["Type"] = "sms",
            ["Status"] = status,
            ["Units"] = "1",
            ["TotalRate"] = "0.00650",
            ["TotalAmount"] = "0.00650",
            ["MCC"] = "310",
            ["MNC"] = "410",
            ["ErrorCode"] = "",
            ["ParentMessageUUID"] = uuid,
            ["PartInfo"] = "",
            ["Sequence"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MessageTime"] = $"{Day} 10:00:00.000000",
            ["QueuedTime"] = $"{Day} 10:00:00.100000",
            ["SentTime"] = status is "queued" ? "" : $"{Day} 10:00:01.250000",
            ["DeliveryReportTime"] = status is "delivered" or "undelivered" or "read" ? $"{Day} 10:00:04.500000" : "",
            ["requester_ip"] = "203.0.113.7",
            ["PowerpackUUID"] = "",
        };
        foreach (var (key, value) in extra)
        {
            form[key] = value;
        }

        return [.. form];
    }

    public static List<KeyValuePair<string, string>> Inbound(string uuid, string text, string from = "14155550199", string to = "14155550100", params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageUUID"] = uuid,
            ["From"] = from,
            ["To"] = to,
            ["Text"] = text,
            ["Type"] = "sms",
            ["Units"] = "1",
            ["TotalRate"] = "0.00000",
            ["TotalAmount"] = "0.00000",
            ["MessageIntent"] = "",
            ["PowerpackUUID"] = "",
        };
        foreach (var (key, value) in extra)
        {
            form[key] = value;
        }

        return [.. form];
    }

    public static string NewUuid() => Guid.NewGuid().ToString();
}

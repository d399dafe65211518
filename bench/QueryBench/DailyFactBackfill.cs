using Dashboard.Core.Reports;
using Dashboard.Core.Storage;

namespace Dashboard.Bench;

/// <summary>
/// Builds the <see cref="DailyFact"/> rollup of a generated database in SQL, with the keys <see cref="DailyFact.KeysOf"/>
/// writes (the app's writer keeps it current message by message; generating 10M messages through it would take hours).
/// Days come from UTC ticks (0001-01-01 epoch): ISO text on SQLite, <c>date</c> on PostgreSQL (ADR-009).
/// </summary>
internal static class DailyFactBackfill
{
    private const string Seconds = "(\"MessageTime\" - 621355968000000000) / 10000000";

    public static IEnumerable<string> Statements(StorageProvider provider)
    {
        var day = provider == StorageProvider.PostgreSql
            ? $"(timestamp 'epoch' + {Seconds} * interval '1 second')::date"
            : $"date({Seconds}, 'unixepoch')";
        yield return "DELETE FROM \"DailyFacts\";";
        foreach (var (dimension, key, where) in new (ReportDimension, string, string)[]
        {
            (ReportDimension.All, "''", ""),
            (ReportDimension.Type, "CASE \"Type\" WHEN 1 THEN 'mms' WHEN 2 THEN 'whatsapp' ELSE 'sms' END", ""),
            (ReportDimension.Country, "COALESCE(\"CountryIso2\", '')", ""),
            (ReportDimension.Carrier, "COALESCE(\"Mcc\", '') || '/' || COALESCE(\"Mnc\", '')", ""),
            (ReportDimension.ErrorCode, "COALESCE(\"ErrorCode\", '')", ""),
            (ReportDimension.Powerpack, "COALESCE(\"PowerpackUuid\", '')", ""),
            (ReportDimension.Origin, "COALESCE(\"ConversationOrigin\", '')", "WHERE \"Type\" = 2"),
        })
        {
            // Quoted names and CAST(SUM) read the same on both (PostgreSQL's SUM of bigint is numeric).
            yield return $"""
                INSERT INTO "DailyFacts" ("Day", "Dimension", "Key", "Direction", "State", "Messages", "Units", "Amount")
                SELECT {day}, {(int)dimension}, {key}, "Direction", "State", COUNT(*),
                    CAST(SUM(COALESCE("Units", 0)) AS BIGINT), CAST(SUM(COALESCE("TotalAmount", 0)) AS BIGINT)
                FROM "Messages" {where}
                GROUP BY 1, 3, 4, 5;
                """;
        }
    }
}

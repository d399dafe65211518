using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Storage;

/// <summary>
/// Stores <see cref="DateTime"/> as UTC ticks (an INTEGER): exact, compact, and ordered correctly by SQLite,
/// which has no date type. The ingest writer writes the same representation with <see cref="ToDb"/>.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, long>(v => ToDb(v), v => FromDb(v))
{
    public static long ToDb(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks;

    public static DateTime FromDb(long ticks) => new(ticks, DateTimeKind.Utc);
}

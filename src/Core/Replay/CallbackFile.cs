using System.Globalization;
using System.Text;
using CsvHelper;

namespace Dashboard.Core.Replay;

/// <summary>One callback of a file: its parameters, or why its line could not be read (its line number either way).</summary>
public sealed record CallbackLine(int LineNumber, IReadOnlyList<KeyValuePair<string, string>>? Parameters, string? Problem);

/// <summary>The two layouts a callback file may have.</summary>
public enum CallbackFileFormat
{
    /// <summary>One form-encoded body per line, as Plivo posts it: <c>MessageUUID=…&amp;Status=delivered&amp;…</c>.</summary>
    FormLines,

    /// <summary>CSV whose header names Plivo's callback fields (<c>MessageUUID,Status,Sequence,…</c>).</summary>
    Csv,
}

/// <summary>
/// A file of status callbacks exported from another endpoint (README, "Replaying callbacks"): read whole (within
/// <see cref="ReplayOptions.MaxFileBytes"/>) and split into <see cref="CallbackLine"/>s lazily, so a preview and the
/// replay after it read the same lines. A line that cannot be split into parameters is reported with its number and
/// reason; its neighbours are not affected.
/// </summary>
public sealed class CallbackFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _text;

    private CallbackFile(string text, CallbackFileFormat format)
    {
        _text = text;
        Format = format;
    }

    public CallbackFileFormat Format { get; }

    /// <summary>Reads at most <paramref name="maxBytes"/> from <paramref name="content"/>: the file, or why it is refused.</summary>
    public static async Task<(CallbackFile? File, string? Problem)> ReadAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>The message for a file over the limit, in one place for the page's early check and this one.</summary>
    public static string TooLarge(long maxBytes) =>
        $"The file is larger than {(maxBytes >= 1024 * 1024 ? $"{maxBytes / 1024.0 / 1024.0:0.#} MiB" : $"{maxBytes / 1024.0:0.#} KiB")} "
        + "(Replay:MaxFileBytes); split it and replay the parts.";

    /// <summary>The file in <paramref name="content"/> (UTF-8), or why it cannot be read at all.</summary>
    public static (CallbackFile? File, string? Problem) Parse(ReadOnlySpan<byte> content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return (null, "The file is not UTF-8 text.");
        }

        var first = LinesOf(text).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (first is null)
        {
            return (null, "The file holds no callbacks.");
        }

        if (first.Contains('=', StringComparison.Ordinal))
        {
            return (new CallbackFile(text, CallbackFileFormat.FormLines), null);
        }

        var header = first.Split(',').Select(h => h.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
        return header.Contains("MessageUUID") && header.Contains("Status")
            ? (new CallbackFile(text, CallbackFileFormat.Csv), null)
            : (null, "The first line is neither a form-encoded callback (MessageUUID=…&Status=…) nor a CSV header naming Plivo's "
                + "callback fields (MessageUUID,Status,…).");
    }

    public IEnumerable<CallbackLine> Lines() => Format == CallbackFileFormat.Csv ? CsvLines() : FormLines();

    private IEnumerable<CallbackLine> FormLines()
    {
        var number = 0;
        foreach (var line in LinesOf(_text))
        {
            number++;
            var body = line.Trim();
            if (body.Length > 0)
            {
                yield return FormLine(number, body);
            }
        }
    }

    /// <summary>Splits <c>key=value&amp;…</c> as a form body is decoded (<c>+</c> is a space, <c>%XX</c> a UTF-8 byte).</summary>
    internal static CallbackLine FormLine(int number, string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in body.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return new CallbackLine(number, null, $"\"{Shorten(part)}\" is not a name=value pair.");
            }

            if (Decode(part[..equals]) is not { } key || Decode(part[(equals + 1)..]) is not { } value)
            {
                return new CallbackLine(number, null, $"\"{Shorten(part)}\" has a broken %-escape.");
            }

            pairs.Add(new(key, value));
        }

        return new CallbackLine(number, pairs, null);
    }

    private static string? Decode(string text)
    {
        var spaced = text.Replace('+', ' ');
        for (var i = spaced.IndexOf('%', StringComparison.Ordinal); i >= 0; i = spaced.IndexOf('%', i + 1))
        {
            if (i + 2 >= spaced.Length || !Uri.IsHexDigit(spaced[i + 1]) || !Uri.IsHexDigit(spaced[i + 2]))
            {
                return null;
            }
        }

        return Uri.UnescapeDataString(spaced);
    }

    private IEnumerable<CallbackLine> CsvLines()
    {
        // Records with broken quoting or another field count than the header are skipped by the reader and reported here,
        // in input order, before the next good record is returned.
        var malformed = new Queue<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = malformed.Enqueue,
        };
        using var csv = CsvReader.Create(new StringReader(_text), options, leaveOpen: false);
        var header = csv.Headers;
        while (csv.Read())
        {
            while (malformed.TryDequeue(out var bad))
            {
                yield return Malformed(bad, header.Count);
            }

            var pairs = new List<KeyValuePair<string, string>>(header.Count);
            for (var i = 0; i < header.Count; i++)
            {
                pairs.Add(new(header[i], csv.GetString(i)));
            }

            yield return new CallbackLine((int)csv.LineNumber, pairs, null);
        }

        while (malformed.TryDequeue(out var bad))
        {
            yield return Malformed(bad, header.Count);
        }
    }

    private static CallbackLine Malformed(CsvMalformedRecord record, int headerFields) => new((int)record.LineNumber, null, record.Reason switch
    {
        CsvMalformedReason.FieldCountMismatch => $"The line does not have the header's {headerFields} fields.",
        CsvMalformedReason.UnterminatedQuote => "A quoted field is never closed.",
        _ => $"The line's quoting is broken ({record.Reason}).",
    });

    /// <summary>The lines one by one (CR LF, LF or CR), without splitting the whole text at once.</summary>
    private static IEnumerable<string> LinesOf(string text)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}

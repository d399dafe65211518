using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// Webhook parameters as stored in the timeline: a JSON object in the order received; a key that came
/// more than once becomes an array of its values, so nothing Plivo said is lost.
/// </summary>
public static class RawJson
{
    public static string Serialize(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (!HasRepeatedKey(parameters))
            {
                foreach (var (key, value) in parameters)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
                writer.Flush();
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, _) in parameters)
            {
                if (!seen.Add(key))
                {
                    continue;
                }

                var values = parameters.Where(p => p.Key == key).Select(p => p.Value).ToList();
                if (values.Count == 1)
                {
                    writer.WriteString(key, values[0]);
                }
                else
                {
                    writer.WriteStartArray(key);
                    values.ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool HasRepeatedKey(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var seen = new HashSet<string>(parameters.Count, StringComparer.Ordinal);
        foreach (var (key, _) in parameters)
        {
            if (!seen.Add(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a stored object back as ordered pairs (arrays expand to repeated keys).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                pairs.AddRange(property.Value.EnumerateArray().Select(v => new KeyValuePair<string, string>(property.Name, v.ToString())));
            }
            else
            {
                pairs.Add(new(property.Name, property.Value.ToString()));
            }
        }

        return pairs;
    }
}

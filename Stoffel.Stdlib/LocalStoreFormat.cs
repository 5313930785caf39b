using System.Globalization;
using System.Text;
using System.Text.Json;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The JSON layout of a <see cref="LocalStore"/> file (docs/host-api.md "LocalStorage"):
/// <c>{"format": "stoffel-local-store", "version": 1, "entries": [{"key": "name", "value": V}, …]}</c>,
/// where a key that is not valid UTF-8 is written as <c>"key_hex"</c>, and each value V is an
/// object with one member named by its kind: <c>{"int64": "5"}</c>, <c>{"uint8": "7"}</c> (integers
/// as decimal strings, exact for uint64), <c>{"float": "1.5"}</c> (round-trip text, or NaN,
/// Infinity, -Infinity), <c>{"boolean": true}</c>, <c>{"string": "text"}</c>, <c>{"nil": null}</c>,
/// <c>{"array": [V, …], "side": [[K, V], …]}</c>, <c>{"object": [[K, V], …]}</c>.
/// </summary>
internal static class LocalStoreFormat
{
    private const string FormatName = "stoffel-local-store";
    private const int Version = 1;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 4 * StoredValue.MaxDepth + 8 };

    private static readonly Dictionary<string, ValueKind> ScalarKinds = new[]
    {
        ValueKind.Unit, ValueKind.Bool, ValueKind.I64, ValueKind.I32, ValueKind.I16, ValueKind.I8,
        ValueKind.U8, ValueKind.U16, ValueKind.U32, ValueKind.U64, ValueKind.Float, ValueKind.String,
    }.ToDictionary(k => k.TypeName());

    public static void Write(Stream stream, IReadOnlyDictionary<StoreKey, StoredValue> entries)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, MaxDepth = ReadOptions.MaxDepth });
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        json.WriteNumber("version", Version);
        json.WriteStartArray("entries");
        foreach (var (key, value) in entries)
        {
            json.WriteStartObject();
            if (key.Text is { } text)
            {
                json.WriteString("key", text);
            }
            else
            {
                json.WriteString("key_hex", Convert.ToHexString(key.Bytes));
            }
            json.WritePropertyName("value");
            WriteValue(json, value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <exception cref="InvalidDataException">The bytes are not a store file of this format (the message says where).</exception>
    public static Dictionary<StoreKey, StoredValue> Read(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, ReadOptions);
            var root = document.RootElement;
            if (Member(root, "format").GetString() != FormatName || Member(root, "version").GetInt32() != Version)
            {
                throw Corrupt($"not a version {Version} {FormatName} file");
            }
            var entries = new Dictionary<StoreKey, StoredValue>();
            foreach (var entry in Member(root, "entries").EnumerateArray())
            {
                var key = entry.TryGetProperty("key", out var text)
                    ? StoreKey.From(StrictUtf8.GetBytes(text.GetString()!))
                    : StoreKey.From(Convert.FromHexString(Member(entry, "key_hex").GetString()!));
                entries[key] = ReadValue(Member(entry, "value"));
            }
            return entries;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            throw Corrupt(e.Message);
        }
    }

    public static string? AsText(byte[] key)
    {
        try
        {
            return StrictUtf8.GetString(key);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static void WriteValue(Utf8JsonWriter json, StoredValue value)
    {
        json.WriteStartObject();
        switch (value)
        {
            case StoredScalar { Value: var scalar }:
                WriteScalar(json, scalar);
                break;
            case StoredArray array:
                json.WriteStartArray("array");
                foreach (var element in array.Elements)
                {
                    WriteValue(json, element);
                }
                json.WriteEndArray();
                if (array.Side.Length > 0)
                {
                    WriteEntries(json, "side", array.Side);
                }
                break;
            case StoredObject table:
                WriteEntries(json, "object", table.Fields);
                break;
        }
        json.WriteEndObject();
    }

    private static void WriteScalar(Utf8JsonWriter json, Value scalar)
    {
        var name = scalar.Kind.TypeName();
        switch (scalar.Kind)
        {
            case ValueKind.Unit:
                json.WriteNull(name);
                break;
            case ValueKind.Bool:
                json.WriteBoolean(name, scalar.AsBool);
                break;
            case ValueKind.String:
                json.WriteString(name, scalar.AsString);
                break;
            case ValueKind.Float:
                json.WriteString(name, scalar.AsFloat.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(name, scalar.Kind == ValueKind.U64
                    ? scalar.AsU64.ToString(CultureInfo.InvariantCulture)
                    : scalar.AsI64.ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteEntries(Utf8JsonWriter json, string name, StoredEntry[] entries)
    {
        json.WriteStartArray(name);
        foreach (var (key, value) in entries)
        {
            json.WriteStartArray();
            WriteValue(json, key);
            WriteValue(json, value);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static StoredValue ReadValue(JsonElement element)
    {
        var members = element.EnumerateObject().ToArray();
        var (name, body) = members.Length > 0 ? (members[0].Name, members[0].Value) : ("", default);
        switch (name)
        {
            case "array" when members.Length <= 2:
                return new StoredArray(body.EnumerateArray().Select(ReadValue).ToArray(),
                    element.TryGetProperty("side", out var side) ? ReadEntries(side) : []);
            case "object" when members.Length == 1:
                return new StoredObject(ReadEntries(body));
            default:
                return members.Length == 1 && ScalarKinds.TryGetValue(name, out var kind)
                    ? new StoredScalar(ReadScalar(kind, body))
                    : throw Corrupt($"unexpected value {element.GetRawText()}");
        }
    }

    private static Value ReadScalar(ValueKind kind, JsonElement body) => kind switch
    {
        ValueKind.Unit => body.ValueKind == JsonValueKind.Null ? Value.Unit : throw Corrupt("nil must be null"),
        ValueKind.Bool => Value.FromBool(body.GetBoolean()),
        ValueKind.String => Value.FromString(body.GetString()!),
        ValueKind.Float => Value.FromFloat(double.Parse(body.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)),
        ValueKind.U64 => Value.FromU64(ulong.Parse(body.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
        _ => Integer(kind, long.Parse(body.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
    };

    private static Value Integer(ValueKind kind, long value)
    {
        var normalised = Vm.Runtime.Arithmetic.Normalise(kind, value);
        return normalised.AsI64 == value ? normalised : throw Corrupt($"{value} does not fit {kind.TypeName()}");
    }

    private static StoredEntry[] ReadEntries(JsonElement pairs) => pairs.EnumerateArray().Select(pair =>
        pair.GetArrayLength() == 2
            ? new StoredEntry(ReadValue(pair[0]), ReadValue(pair[1]))
            : throw Corrupt($"an entry must be a [key, value] pair: {pair.GetRawText()}")).ToArray();

    private static JsonElement Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var member) ? member : throw Corrupt($"missing \"{name}\"");

    private static InvalidDataException Corrupt(string detail) => new(detail);
}

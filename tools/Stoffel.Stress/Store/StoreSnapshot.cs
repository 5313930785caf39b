using System.Globalization;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stress.Store;

/// <summary>
/// What a local store file written by <c>Store/store_writer.stfa</c> holds, read back the way a
/// program reads it (a VM with the standard library opening the file, running
/// <c>Store/store_reader.stfa</c>), and whether that is a state the writer passed through.
/// </summary>
/// <param name="Counter">The stored <c>n</c>: 0 when missing.</param>
/// <param name="HasCounter">Whether <c>n</c> is stored.</param>
/// <param name="HasPayload">Whether <c>payload</c> is stored.</param>
/// <param name="PayloadLength">Its element count (0 when missing).</param>
/// <param name="PayloadTag">Its first element (0 when missing or empty).</param>
/// <param name="PayloadMatching">How many of its elements equal the first.</param>
public sealed record StoreSnapshot(long Counter, bool HasCounter, bool HasPayload, long PayloadLength, long PayloadTag, long PayloadMatching)
{
    private static readonly Lazy<StoffelProgram> Reader = new(() =>
        StfaAssembler.AssembleFile(Path.Combine(AppContext.BaseDirectory, "Store", "store_reader.stfa")));

    /// <summary>The writer program to run in the child (its <c>main(size)</c>).</summary>
    public static string WriterPath => Path.Combine(AppContext.BaseDirectory, "Store", "store_writer.stfa");

    /// <summary>Opens the store file at <paramref name="path"/> and reads what it holds.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid store: a torn write.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static StoreSnapshot Read(string path)
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        StandardLibrary.Register(vm, StdlibModules.All, new StdlibOptions { LocalStorePath = path });
        vm.Load(Reader.Value);
        var counter = vm.Execute("counter");
        var hasPayload = vm.Execute("has_payload") == Value.True;
        return new StoreSnapshot(
            Number(counter),
            counter != Value.Unit,
            hasPayload,
            hasPayload ? Number(vm.Execute("payload_length")) : 0,
            hasPayload ? Number(vm.Execute("payload_first")) : 0,
            hasPayload ? Number(vm.Execute("payload_matching")) : 0);
    }

    /// <summary>
    /// Null when this is a state the writer passed through with payloads of
    /// <paramref name="payloadSize"/> elements, and no older than <paramref name="previous"/>;
    /// else what is wrong. The writer stores the payload, then the counter: so a payload without a
    /// counter is one ahead of 0, a payload is all one value, equal to the counter or one ahead.
    /// </summary>
    public string? Problem(int payloadSize, StoreSnapshot? previous)
    {
        if (!HasPayload && HasCounter)
        {
            return $"the counter {Counter} is stored without the payload written before it";
        }
        if (HasPayload && (PayloadLength != payloadSize || PayloadMatching != PayloadLength))
        {
            return string.Create(CultureInfo.InvariantCulture, $"a torn payload: {PayloadLength} elements, {PayloadMatching} of them equal to the first ({PayloadTag}), where the writer stores {payloadSize} equal ones");
        }
        if (HasPayload && PayloadTag != Counter && PayloadTag != Counter + 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the payload of round {PayloadTag} with the counter at {Counter}");
        }
        if (previous is not null && (Counter < previous.Counter || PayloadTag < previous.PayloadTag))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the store went back: counter {previous.Counter} → {Counter}, payload round {previous.PayloadTag} → {PayloadTag}");
        }
        return null;
    }

    private static long Number(Value value) =>
        value == Value.Unit ? 0 : long.Parse(ValueFormatter.Format(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}

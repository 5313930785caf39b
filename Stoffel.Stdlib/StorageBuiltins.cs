using System.Text;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The <see cref="StdlibModules.Storage"/> module: <c>LocalStorage.store/load/retrieve/load_share/
/// exists/delete</c> over a <see cref="LocalStore"/> (docs/host-api.md "LocalStorage"). A key is a
/// string (its UTF-8 bytes) or a byte array (an array of uint8). Stored values are deep copies; a
/// load builds new tables each time.
/// </summary>
internal sealed class StorageBuiltins(LocalStore store)
{
    public void Register(VirtualMachine vm)
    {
        vm.RegisterFunction("LocalStorage.store", Store);
        vm.RegisterFunction("LocalStorage.load", Load);
        vm.RegisterFunction("LocalStorage.retrieve", Load);
        vm.RegisterFunction("LocalStorage.load_share", Load);
        vm.RegisterFunction("LocalStorage.exists", Exists);
        vm.RegisterFunction("LocalStorage.delete", Delete);
    }

    // store(key, value) → true; a file-backed store has the value on disk before this returns.
    private Value Store(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var key = Key(context);
        var value = StoredValue.Capture(context, context[1]);
        Persist(context, () => store.Put(key, value));
        return Value.True;
    }

    // load(key): the stored value, or Unit when the key is absent.
    private Value Load(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return store.TryGet(Key(context), out var stored) ? stored.Restore(context) : Value.Unit;
    }

    private Value Exists(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return Value.FromBool(store.TryGet(Key(context), out _));
    }

    // delete(key): whether something was deleted.
    private Value Delete(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var key = Key(context);
        var deleted = false;
        Persist(context, () => deleted = store.Remove(key));
        return Value.FromBool(deleted);
    }

    private void Persist(ForeignFunctionContext context, Action change)
    {
        try
        {
            change();
        }
        catch (IOException e)
        {
            throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, $"could not write the local store '{store.FilePath}': {e.Message}");
        }
    }

    private static StoreKey Key(ForeignFunctionContext context)
    {
        var key = context[0];
        if (key.Kind == ValueKind.String)
        {
            return StoreKey.From(Encoding.UTF8.GetBytes(key.AsString));
        }
        var array = key.AsArray ?? throw Arguments.TypeError(context, 0, "a string or byte array key");
        var bytes = new byte[array.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var element = context.GetElement(array, i);
            bytes[i] = element.Kind == ValueKind.U8
                ? (byte)element.AsU64
                : throw Arguments.Error(context, VmErrorKind.TypeError, $"a byte array key holds only uint8, got {ValueFormatter.Describe(element)} at index {i}");
        }
        return StoreKey.From(bytes);
    }
}

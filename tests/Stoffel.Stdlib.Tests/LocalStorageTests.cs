using System.Text;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>LocalStorage.* over in-memory and file-backed stores: copies, kinds, keys, persistence, crash safety (docs/host-api.md "LocalStorage").</summary>
[TestClass]
public sealed class LocalStorageTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("stoffel-store-").FullName;

    private string StorePath => Path.Combine(_directory, "store.json");

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    private static StdlibFixture With(LocalStore store) => new(StdlibModules.All, new StdlibOptions { LocalStore = store });

    [TestMethod]
    public void StoreLoadExistsAndDeleteInMemory()
    {
        var f = new StdlibFixture();

        Assert.AreEqual(Value.False, f.Call("LocalStorage.exists", S("k")));
        Assert.AreEqual(Value.Unit, f.Call("LocalStorage.load", S("k")));
        Assert.AreEqual(Value.True, f.Call("LocalStorage.store", S("k"), I(5)));
        Assert.AreEqual(Value.True, f.Call("LocalStorage.exists", S("k")));
        Assert.AreEqual(I(5), f.Call("LocalStorage.load", S("k")));
        Assert.AreEqual(I(5), f.Call("LocalStorage.retrieve", S("k")));
        Assert.AreEqual(I(5), f.Call("LocalStorage.load_share", S("k")));
        Assert.AreEqual(Value.True, f.Call("LocalStorage.delete", S("k")));
        Assert.AreEqual(Value.False, f.Call("LocalStorage.delete", S("k")));
        Assert.AreEqual(Value.Unit, f.Call("LocalStorage.load", S("k")));
    }

    [TestMethod]
    public void StoredTablesAreDeepCopies()
    {
        var f = new StdlibFixture();
        var inner = f.Array(I(1));
        var list = f.Array(inner, f.Object((S("x"), I(2))));

        f.Call("LocalStorage.store", S("k"), list);
        f.Push(inner, I(99));
        var first = f.Call("LocalStorage.load", S("k"));
        var second = f.Call("LocalStorage.load", S("k"));

        Assert.AreEqual("[[1], {x: 2}]", ValueFormatter.Format(first));
        Assert.AreNotEqual(list, first);
        Assert.AreNotEqual(first, second, "each load builds new tables");
    }

    [TestMethod]
    public void StringAndByteArrayKeysAreTheSameBytes()
    {
        var f = new StdlibFixture();

        f.Call("LocalStorage.store", S("ab"), I(1));

        Assert.AreEqual(I(1), f.Call("LocalStorage.load", f.Array(Value.FromU8((byte)'a'), Value.FromU8((byte)'b'))));
    }

    [TestMethod]
    public void BadKeysAndUnstorableValuesAreClearErrors()
    {
        var f = new StdlibFixture();
        var cyclic = f.Array();
        f.Push(cyclic, cyclic);

        Assert.AreEqual("LocalStorage.store: expected a string or byte array key, got int64 5", f.Fails("LocalStorage.store", I(5), I(1)).Message);
        Assert.AreEqual("LocalStorage.load: a byte array key holds only uint8, got int64 97 at index 0", f.Fails("LocalStorage.load", f.Array(I(97))).Message);
        var closure = Value.FromClosure(new Closure("f", []));
        Assert.AreEqual("LocalStorage.store: cannot store function: only unit, booleans, numbers, strings and arrays or objects of those",
            f.Fails("LocalStorage.store", S("k"), f.Array(closure)).Message);
        Assert.AreEqual("LocalStorage.store: cannot store foreign: only unit, booleans, numbers, strings and arrays or objects of those",
            f.Fails("LocalStorage.store", S("k"), f.Vm.RegisterForeignObject(new object())).Message);
        Assert.AreEqual("LocalStorage.store: cannot store an array that contains itself", f.Fails("LocalStorage.store", S("k"), cyclic).Message);
        Assert.AreEqual(Value.False, f.Call("LocalStorage.exists", S("k")), "nothing was stored");
        Assert.AreEqual("LocalStorage.store expects 2 arguments, got 1", f.Fails("LocalStorage.store", S("k")).Message);
    }

    [TestMethod]
    public void EveryKindSurvivesAFileAndASecondVm()
    {
        var writer = new StdlibFixture(StdlibModules.All, new StdlibOptions { LocalStorePath = StorePath });
        var side = writer.Array(I(1));
        writer.Set(side, S("tag"), Value.FromU16(7));
        var value = writer.Array(
            Value.Unit, Value.True, I(long.MinValue), Value.FromI32(-5), Value.FromI16(-6), Value.FromI8(-7),
            Value.FromU8(255), Value.FromU16(65535), Value.FromU32(uint.MaxValue), Value.FromU64(ulong.MaxValue),
            Value.FromFloat(0.1), Value.FromFloat(-0.0), Value.FromFloat(double.NaN), Value.FromFloat(double.NegativeInfinity),
            S("héllo \"q\" 😀"), side, writer.Object((I(1), S("one")), (S("nested"), writer.Object((S("deep"), Value.False)))));
        writer.Call("LocalStorage.store", S("everything"), value);
        writer.Call("LocalStorage.store", writer.Array(Value.FromU8(0xFF)), S("binary key"));

        var reader = new StdlibFixture(StdlibModules.All, new StdlibOptions { LocalStorePath = StorePath });
        var loaded = reader.Call("LocalStorage.load", S("everything"));

        var expected = Elements(value);
        var actual = Elements(loaded);
        Assert.HasCount(expected.Count, actual);
        for (var i = 0; i < 15; i++)
        {
            Assert.AreEqual(expected[i].Kind, actual[i].Kind, $"element {i}");
            Assert.AreEqual(expected[i], actual[i], $"element {i}");
        }
        Assert.AreEqual("[1]", ValueFormatter.Format(actual[15]));
        Assert.AreEqual(Value.FromU16(7), actual[15].AsArray!.SideEntries[S("tag")]);
        Assert.AreEqual("{1: one, nested: {deep: false}}", ValueFormatter.Format(actual[16]));
        Assert.AreEqual(S("binary key"), reader.Call("LocalStorage.load", reader.Array(Value.FromU8(0xFF))));
    }

    [TestMethod]
    public void DeletesPersistToo()
    {
        var first = new StdlibFixture(StdlibModules.All, new StdlibOptions { LocalStorePath = StorePath });
        first.Call("LocalStorage.store", S("a"), I(1));
        first.Call("LocalStorage.store", S("b"), I(2));
        first.Call("LocalStorage.delete", S("a"));

        var store = LocalStore.Open(StorePath);

        Assert.AreEqual(1, store.Count);
        Assert.IsFalse(store.Contains("a"));
        Assert.IsTrue(store.Contains("b"));
    }

    [TestMethod]
    public void OneStoreCanBackSeveralVms()
    {
        var store = new LocalStore();
        var first = With(store);
        var second = With(store);

        first.Call("LocalStorage.store", S("shared"), S("yes"));

        Assert.AreEqual(S("yes"), second.Call("LocalStorage.load", S("shared")));
        Assert.IsNull(store.FilePath);
    }

    [TestMethod]
    public void AFailedWriteLeavesTheFileAndTheStoreAsTheyWere()
    {
        var store = LocalStore.Open(StorePath);
        var f = With(store);
        f.Call("LocalStorage.store", S("kept"), I(1));
        var before = File.ReadAllBytes(StorePath);
        string? temporary = null;
        store.BeforeCommit = path =>
        {
            temporary = path;
            throw new IOException("simulated crash");
        };

        var error = f.Fails("LocalStorage.store", S("lost"), I(2));

        Assert.AreEqual($"LocalStorage.store: could not write the local store '{StorePath}': simulated crash", error.Message);
        CollectionAssert.AreEqual(before, File.ReadAllBytes(StorePath), "the old file is untouched");
        Assert.IsNotNull(temporary);
        Assert.AreEqual(_directory, Path.GetDirectoryName(temporary), "the temporary file sits next to the store");
        Assert.IsFalse(File.Exists(temporary), "the temporary file is removed");
        Assert.AreEqual(Value.False, f.Call("LocalStorage.exists", S("lost")), "the change is undone in memory");
        Assert.AreEqual("LocalStorage.delete: could not write the local store '" + StorePath + "': simulated crash",
            f.Fails("LocalStorage.delete", S("kept")).Message);
        Assert.AreEqual(I(1), f.Call("LocalStorage.load", S("kept")), "a failed delete keeps the value");
    }

    [TestMethod]
    public void ALeftoverTemporaryFileFromACrashIsIgnored()
    {
        With(LocalStore.Open(StorePath)).Call("LocalStorage.store", S("k"), I(1));
        File.WriteAllText(StorePath + ".0123456789abcdef0123456789abcdef.tmp", "{\"format\": \"stoffel-local-st");

        var f = With(LocalStore.Open(StorePath));
        f.Call("LocalStorage.store", S("k2"), I(2));

        Assert.AreEqual(I(1), f.Call("LocalStorage.load", S("k")));
        Assert.AreEqual(2, LocalStore.Open(StorePath).Count);
    }

    [TestMethod]
    [DataRow("{not json", "is corrupted: ")]
    [DataRow("{\"format\": \"other\", \"version\": 1, \"entries\": []}", "is corrupted: not a version 1 stoffel-local-store file")]
    [DataRow("{\"format\": \"stoffel-local-store\", \"version\": 1, \"entries\": [{\"key\": \"k\", \"value\": {\"int8\": \"300\"}}]}", "is corrupted: 300 does not fit int8")]
    [DataRow("{\"format\": \"stoffel-local-store\", \"version\": 1, \"entries\": [{\"key\": \"k\", \"value\": {\"closure\": \"f\"}}]}", "is corrupted: unexpected value {\"closure\": \"f\"}")]
    [DataRow("{\"format\": \"stoffel-local-store\", \"version\": 1, \"entries\": [{\"key\": \"k\"}]}", "is corrupted: missing \"value\"")]
    public void ACorruptedStoreFileIsAClearError(string content, string expected)
    {
        File.WriteAllText(StorePath, content);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => LocalStore.Open(StorePath));

        StringAssert.StartsWith(error.Message, $"local store '{StorePath}' {expected}");
        Assert.ThrowsExactly<InvalidDataException>(() =>
            StandardLibrary.Register(new VirtualMachine(), StdlibModules.All, new StdlibOptions { LocalStorePath = StorePath }));
    }

    [TestMethod]
    public void ATruncatedStoreFileIsCorruptedNotEmpty()
    {
        With(LocalStore.Open(StorePath)).Call("LocalStorage.store", S("k"), S(new string('x', 100)));
        var bytes = File.ReadAllBytes(StorePath);
        File.WriteAllBytes(StorePath, bytes[..(bytes.Length / 2)]);

        Assert.ThrowsExactly<InvalidDataException>(() => LocalStore.Open(StorePath));
    }

    [TestMethod]
    public void Leftover_temporary_files_older_than_a_minute_are_deleted_on_open()
    {
        var old = StorePath + ".0123456789abcdef0123456789abcdef.tmp";
        var fresh = StorePath + ".fedcba9876543210fedcba9876543210.tmp";
        var unrelated = StorePath + ".notours.tmp";
        foreach (var file in new[] { old, fresh, unrelated })
        {
            File.WriteAllText(file, "{\"format\": \"stoffel-local-st");
        }
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddMinutes(-5));

        LocalStore.Open(StorePath);

        Assert.IsFalse(File.Exists(old), "an abandoned write is cleaned up");
        Assert.IsTrue(File.Exists(fresh), "a write that may be in progress elsewhere is left alone");
        Assert.IsTrue(File.Exists(unrelated), "only the store's own temporary names are touched");
    }

    [TestMethod]
    public void A_directory_is_refused_as_the_store_file()
    {
        var error = Assert.ThrowsExactly<IOException>(() => LocalStore.Open(_directory));

        Assert.AreEqual($"local store '{_directory}' is a directory; give a file path (it is created by the first change)", error.Message);
    }

    [TestMethod]
    public void OpeningInAMissingDirectoryFailsUpFront()
    {
        var error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => LocalStore.Open(Path.Combine(_directory, "nope", "s.json")));

        StringAssert.Contains(error.Message, "does not exist");
    }

    [TestMethod]
    public void TheFileIsReadableJson()
    {
        With(LocalStore.Open(StorePath)).Call("LocalStorage.store", S("count"), I(3));

        var text = Encoding.UTF8.GetString(File.ReadAllBytes(StorePath));

        StringAssert.Contains(text, "\"format\": \"stoffel-local-store\"");
        StringAssert.Contains(text, "\"key\": \"count\"");
        StringAssert.Contains(text, "\"int64\": \"3\"");
    }
}

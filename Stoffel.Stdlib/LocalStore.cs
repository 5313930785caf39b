namespace Stoffel.Stdlib;

/// <summary>
/// The key-value store behind the <c>LocalStorage.*</c> builtins (docs/host-api.md "LocalStorage"):
/// in memory, or persisted to a file that survives runs and crashes. Every change rewrites the
/// whole file atomically: the new content goes to a temporary file in the same directory, is
/// flushed to disk, and then replaces the old file in one rename, so a crash or failed write leaves
/// either the old or the new file, never a mix. A failed write also undoes the change in memory.
/// Thread-safe; one store may back several VMs. Processes sharing a file do not see each other's
/// later writes (the file is read once, at <see cref="Open"/>), and the last write wins.
/// </summary>
/// <example>
/// <code>
/// var store = LocalStore.Open("state.json");
/// StandardLibrary.Register(vm, StdlibModules.All, new StdlibOptions { LocalStore = store });
/// </code>
/// </example>
public sealed class LocalStore
{
    private readonly Dictionary<StoreKey, StoredValue> _entries;
    private readonly Lock _lock = new();

    /// <summary>Creates an empty store that lives in memory only.</summary>
    public LocalStore()
        : this(null, new Dictionary<StoreKey, StoredValue>())
    {
    }

    private LocalStore(string? path, Dictionary<StoreKey, StoredValue> entries)
    {
        FilePath = path;
        _entries = entries;
    }

    /// <summary>The file the store persists to, or null for a store in memory.</summary>
    public string? FilePath { get; }

    /// <summary>Number of stored keys.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Test seam: runs after the temporary file is written and flushed, before it replaces the store file.</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>
    /// Opens a store persisted to <paramref name="path"/>: loads the file if it exists (else the
    /// store starts empty and the file is created by the first change). Temporary files an
    /// interrupted write left behind (a process killed mid-write) are deleted once they are a
    /// minute old; younger ones may belong to another process writing now, and are ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists but is not a valid store file: <c>local store 'PATH' is corrupted: …</c>.</exception>
    /// <exception cref="DirectoryNotFoundException">The file's directory does not exist.</exception>
    /// <exception cref="IOException">The path is a directory, or the file cannot be read.</exception>
    public static LocalStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"local store '{path}': directory '{directory}' does not exist");
        }
        if (Directory.Exists(full))
        {
            throw new IOException($"local store '{path}' is a directory; give a file path (it is created by the first change)");
        }
        DeleteLeftovers(full);
        if (!File.Exists(full))
        {
            return new LocalStore(full, new Dictionary<StoreKey, StoredValue>());
        }
        try
        {
            return new LocalStore(full, LocalStoreFormat.Read(File.ReadAllBytes(full)));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"local store '{path}' is corrupted: {e.Message}", e);
        }
    }

    /// <summary>True when <paramref name="key"/> (a string key, as its UTF-8 bytes) is stored.</summary>
    public bool Contains(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryGet(StoreKey.From(System.Text.Encoding.UTF8.GetBytes(key)), out _);
    }

    internal bool TryGet(StoreKey key, out StoredValue value)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out value!);
        }
    }

    /// <exception cref="IOException">Persisting failed; the store is unchanged.</exception>
    internal void Put(StoreKey key, StoredValue value) => Change(key, entries => entries[key] = value);

    /// <exception cref="IOException">Persisting failed; the store is unchanged.</exception>
    internal bool Remove(StoreKey key)
    {
        var removed = false;
        Change(key, entries => removed = entries.Remove(key));
        return removed;
    }

    private void Change(StoreKey key, Action<Dictionary<StoreKey, StoredValue>> change)
    {
        lock (_lock)
        {
            var existed = _entries.TryGetValue(key, out var previous);
            change(_entries);
            try
            {
                Save();
            }
            catch
            {
                if (existed)
                {
                    _entries[key] = previous!;
                }
                else
                {
                    _entries.Remove(key);
                }
                throw;
            }
        }
    }

    private void Save()
    {
        if (FilePath is null)
        {
            return;
        }
        var temporary = TemporaryPath(FilePath);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                LocalStoreFormat.Write(stream, _entries);
                stream.Flush(flushToDisk: true);
            }
            BeforeCommit?.Invoke(temporary);
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporary);
            throw e as IOException ?? new IOException(e.Message, e);
        }
    }

    private static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(1);

    private const string TemporarySuffix = ".tmp";

    // Save writes FILE.<32 lower-case hex digits>.tmp, then renames it over FILE.
    private static string TemporaryPath(string path) => $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";

    private static bool IsTemporaryPath(string path, string candidate)
    {
        var name = Path.GetFileName(path);
        var middle = Path.GetFileName(candidate)[(name.Length + 1)..^TemporarySuffix.Length];
        return middle.Length == 32 && middle.All(char.IsAsciiHexDigitLower);
    }

    // Only old temporary files are certainly abandoned: a young one may be another process's write.
    private static void DeleteLeftovers(string path)
    {
        foreach (var candidate in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*" + TemporarySuffix))
        {
            if (IsTemporaryPath(path, candidate) && File.GetLastWriteTimeUtc(candidate) < DateTime.UtcNow - LeftoverAge)
            {
                DeleteQuietly(candidate);
            }
        }
    }

    // Cleanup after a failed write must not hide that write's error.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The leftover is ignored by Open and overwritten by nothing: its name is unique.
        }
    }
}

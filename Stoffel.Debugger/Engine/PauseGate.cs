namespace Stoffel.Debugger.Engine;

/// <summary>
/// Where the VM thread waits while stopped, and how other threads read it safely. The VM thread
/// holds the state lock while it runs; stopped, it waits with <c>Monitor.Wait</c> (releasing the
/// lock) until a resume command arrives. Readers hold a read lock that keeps resumes out, so a
/// reader that saw "stopped" reads a VM that stays stopped until it is done; a resume takes the
/// write lock. Lock order everywhere: reader/writer lock, then the state lock.
/// </summary>
internal sealed class PauseGate(object syncRoot)
{
    private readonly ReaderWriterLockSlim _readers = new(LockRecursionPolicy.NoRecursion);
    private readonly object _syncRoot = syncRoot;
    private volatile StoppedEvent? _stop;
    private ResumeCommand? _resume;

    /// <summary>The current stop, or null while running.</summary>
    public StoppedEvent? Current => _stop;

    /// <summary>On the VM thread, holding the state lock: publish the stop and wait for a command.</summary>
    public ResumeCommand Stop(StoppedEvent stop, Action<StoppedEvent> publish)
    {
        _resume = null;
        _stop = stop;
        publish(stop);
        while (_resume is null)
        {
            Monitor.Wait(_syncRoot);
        }
        var command = _resume.Value;
        _resume = null;
        return command;
    }

    /// <summary>Resumes a stopped VM; <paramref name="beforeResume"/> runs with the VM still stopped. Returns false when not stopped.</summary>
    public bool Resume(ResumeCommand command, Action<StoppedEvent>? beforeResume = null)
    {
        _readers.EnterWriteLock();
        try
        {
            lock (_syncRoot)
            {
                if (_stop is not { } stop)
                {
                    return false;
                }
                beforeResume?.Invoke(stop);
                _stop = null;
                _resume = command;
                Monitor.PulseAll(_syncRoot);
                return true;
            }
        }
        finally
        {
            _readers.ExitWriteLock();
        }
    }

    /// <summary>Runs <paramref name="reader"/> against the stopped VM under the state lock.</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    public T Read<T>(Func<StoppedEvent, T> reader)
    {
        _readers.EnterReadLock();
        try
        {
            var stop = _stop ?? throw new NotStoppedException();
            lock (_syncRoot)
            {
                return reader(stop);
            }
        }
        finally
        {
            _readers.ExitReadLock();
        }
    }
}

/// <summary>What a stopped VM does next.</summary>
internal enum ResumeCommand
{
    Continue,
    Terminate,
    /// <summary>Go back in time (step back, reverse continue, restart frame): the stop's hook rewinds the run.</summary>
    Rewind,
}

/// <summary>A request needs a stopped VM, but it is running (or not started).</summary>
public sealed class NotStoppedException() : InvalidOperationException("the program is running; pause it first");

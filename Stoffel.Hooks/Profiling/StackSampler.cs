using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Sample mode: a background thread arms a disabled BeforeInstructionExecute hook every
/// interval; the VM picks the change up at its next call, return or service point (at most
/// 1,024 instructions later), runs the hook once on its own thread, where reading the call stack
/// is safe, and the hook disarms itself. Between samples nothing is hooked. Each sample weighs the
/// time since the previous one, so the weights add up to the time profiled; time spent inside a
/// foreign function goes to the next sample, taken after it returns, in its caller.
/// </summary>
internal sealed class StackSampler(VirtualMachine vm, FrameTable frames, CallNode root, TimeProvider time, TimeSpan interval) : IDisposable
{
    private readonly ManualResetEventSlim _stopped = new(false, spinCount: 0); // the thread sleeps between samples: no spinning on the VM's cores
    private Thread? _thread;
    private HookId _id;
    private volatile bool _armed;
    private long _last = time.GetTimestamp();

    /// <summary>Samples taken.</summary>
    public long Count { get; private set; }

    /// <summary>The hook body; subscribe it to BeforeInstructionExecute, then call <see cref="Start"/> with the id.</summary>
    public void OnInstruction(in HookEvent e, HookContext context)
    {
        if (!_armed)
        {
            return;
        }
        // Disable before disarming: the thread re-enables only once it sees the hook disarmed.
        vm.Hooks.Disable(_id);
        _armed = false;
        Record(context);
    }

    /// <summary>Disables the hook <paramref name="id"/> and starts the sampling thread.</summary>
    public void Start(HookId id)
    {
        _id = id;
        vm.Hooks.Disable(id);
        _thread = new Thread(Arm) { IsBackground = true, Name = "Stoffel profiler sampler" };
        _thread.Start();
    }

    /// <summary>Stops the thread (the caller unregisters the hook).</summary>
    public void Dispose()
    {
        _stopped.Set();
        _thread?.Join();
        _stopped.Dispose();
    }

    private void Arm()
    {
        while (!_stopped.Wait(interval))
        {
            if (!_armed)
            {
                _armed = true;
                vm.Hooks.Enable(_id);
            }
        }
    }

    private void Record(HookContext context)
    {
        var now = time.GetTimestamp();
        var weight = now - _last;
        _last = now;
        Count++;
        var node = root;
        for (var i = context.CallDepth - 1; i >= 0; i--)
        {
            node = node.Child(context.GetFrame(i).Function.Name, frames);
        }
        if (node != root) // the stack's nodes get the weight through their inclusive time, the sum over their subtree
        {
            node.Self += weight;
            node.Samples++;
        }
    }
}

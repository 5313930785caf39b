using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// The live heap's roots: what a running program can still reach (docs/vm-internals.md, "Memory").
internal sealed partial class VMState
{
    /// <summary>
    /// Measures the live heap from the roots: every register and argument-stack slot in use, each
    /// activation record's upvalues and closure, and the last result; <paramref name="growing"/>
    /// (a table a builtin is filling before anything refers to it) counts as live too.
    /// </summary>
    private HeapUsage MeasureHeap(object? growing)
    {
        var walker = new HeapWalker();
        walker.AddRoots(_stack.AsSpan(0, _stackTop));
        walker.AddRoots(_args.AsSpan(0, _argTop));
        walker.AddRoots(new ReadOnlySpan<Value>(in _result));
        for (var i = 0; i < _frameCount; i++)
        {
            ref readonly var frame = ref _frames[i];
            walker.AddRoots(frame.Upvalues);
            walker.AddRoot(frame.Closure);
        }
        walker.AddRoot(growing);
        return walker.Finish();
    }
}

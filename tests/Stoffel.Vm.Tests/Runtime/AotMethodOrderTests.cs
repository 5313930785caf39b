using System.Reflection;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The Native AOT method order (<c>Stoffel.Vm/aot-method-order.txt</c>, passed to the ILC by the
/// root Directory.Build.props): it must name the dispatch loops by their mangled symbols, or the
/// ILC places them wherever it would anyway and their code placement again depends on other managed
/// code (docs/vm-internals.md, "Successor fusion and code placement"). A rename of <c>Run</c>, <c>VMState</c>, a mode or
/// <c>CallbackHook</c> fails here instead of silently.
/// </summary>
[TestClass]
public sealed class AotMethodOrderTests
{
    [TestMethod]
    public void The_order_file_names_every_copy_of_the_dispatch_loop_plain_first()
    {
        var run = typeof(VMState).GetMethod("Run", BindingFlags.Instance | BindingFlags.NonPublic);
        Assert.IsNotNull(run, "VMState.Run, the dispatch loop the order file names");
        Assert.IsTrue(run.IsGenericMethodDefinition && run.GetGenericArguments() is [var mode, var hook]
            && mode.GetGenericParameterConstraints().Contains(typeof(IExecutionMode)) && hook.GetGenericParameterConstraints().Contains(typeof(IInstructionHook)),
            "Run<TMode, THook> where TMode : IExecutionMode where THook : IInstructionHook");
        var modes = typeof(IExecutionMode).Assembly.GetTypes()
            .Where(t => t.IsValueType && typeof(IExecutionMode).IsAssignableFrom(t))
            .OrderBy(t => t == typeof(PlainMode) ? 0 : 1)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => $"{Mangled(run.DeclaringType!)}__{run.Name}<{Mangled(t)}__{Mangled(typeof(CallbackHook))}>") // the copies the VM itself instantiates: a delegate hook's
            .ToList();

        var listed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "aot-method-order.txt"))
            .Where(line => line.Length > 0)
            .ToList();

        Assert.AreEqual(5, modes.Count, "the plain, recording, counting, hooked and tracing loops");
        Assert.AreEqual(modes[0], listed[0], "the plain loop first: its dispatch block is what every program runs");
        CollectionAssert.AreEquivalent(modes, listed);
    }

    /// <summary>The ILC's symbol for a type: its assembly's and namespace's names with '.' as '_', then the type's name.</summary>
    private static string Mangled(Type type) =>
        $"{type.Assembly.GetName().Name!.Replace('.', '_')}_{type.Namespace!.Replace('.', '_')}_{type.Name}";
}

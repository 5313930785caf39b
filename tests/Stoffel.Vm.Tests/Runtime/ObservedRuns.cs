using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>A program run under one call observer and then under another, for tests that compare what each heard.</summary>
internal static class ObservedRuns
{
    /// <summary>
    /// Runs a program twice, each time in a fresh VM from <paramref name="load"/>: under
    /// <paramref name="first"/>, then under <paramref name="second"/>; <paramref name="run"/> runs
    /// it (and may assert on its result).
    /// </summary>
    public static void Twice(Func<VirtualMachine> load, Action<VirtualMachine> run, ICallObserver first, ICallObserver second)
    {
        foreach (var observer in new[] { first, second })
        {
            var vm = load();
            vm.Hooks.RegisterCallObserver(observer);
            run(vm);
        }
    }
}

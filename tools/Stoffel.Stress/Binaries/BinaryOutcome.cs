namespace Stoffel.Stress.Binaries;

/// <summary>The acceptable ends of a binary's trip through the loader and a budgeted run.</summary>
public enum BinaryOutcome
{
    /// <summary>The reader refused the file with a <see cref="Vm.Programs.ProgramLoadException"/>.</summary>
    RefusedByReader,

    /// <summary>The file read, but loading it into a VM failed with a <see cref="Vm.Programs.ProgramLoadException"/>.</summary>
    RefusedByVm,

    /// <summary>The entry function ran and returned a value.</summary>
    Ran,

    /// <summary>The run stopped with a <see cref="Vm.Runtime.VmException"/> (a program error or a limit).</summary>
    StoppedByVmError,
}

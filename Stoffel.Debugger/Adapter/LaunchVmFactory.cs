using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Adapter;

/// <summary>
/// Makes the VM a launched program runs on — with the host's builtins registered, not yet loaded
/// (the adapter loads the program). The host (the CLI) supplies it so a launch runs the same VM
/// as <c>stoffel run</c>: limits and the local store have the host's meanings. Called once per
/// launch and again for every replay of step back, so it must return a fresh VM each time.
/// </summary>
/// <param name="options">What the launch request asked for.</param>
/// <returns>A new VM.</returns>
/// <exception cref="ArgumentException">An option the host refuses; the launch fails with its message.</exception>
/// <exception cref="IOException">The local store cannot be opened; the launch fails with its message.</exception>
/// <exception cref="InvalidDataException">The local store is corrupted; the launch fails with its message.</exception>
public delegate VirtualMachine LaunchVmFactory(LaunchVmOptions options);

/// <summary>The launch attributes that shape the VM, as <c>stoffel run</c>'s options of the same meaning.</summary>
/// <param name="MaxInstructions"><c>maxInstructions</c> (<c>--max-instructions</c>): the instruction budget, or null for none.</param>
/// <param name="TimeoutSeconds"><c>timeout</c> (<c>--timeout</c>): wall-clock seconds, or null for none.</param>
/// <param name="MaxMemoryBytes"><c>maxMemory</c> (<c>--max-memory</c>): the live-heap limit in bytes, or null for the default.</param>
/// <param name="LocalStorePath"><c>localStore</c> (<c>--local-store</c>): the full path of the file <c>LocalStorage.*</c> persists to, or null for a store in memory.</param>
public sealed record LaunchVmOptions(long? MaxInstructions, double? TimeoutSeconds, long? MaxMemoryBytes, string? LocalStorePath);

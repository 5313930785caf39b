namespace Stoffel.Vm.Runtime;

/// <summary>
/// What a VM's live heap holds, measured by a walk from its roots (registers, argument stack,
/// activation records' upvalues, the last result): the tables, closures and strings a running
/// program can still reach, and the register and argument-stack slots its call frames use. Tables only a host holds (in its own variables or foreign objects)
/// are not counted: they are the host's to bound.
/// </summary>
/// <param name="LiveTables">Object and array tables reachable from the roots.</param>
/// <param name="ApproximateBytes">
/// An estimate in bytes of what those tables, closures, strings and slots occupy: a fixed cost per
/// table and closure, per element or slot, per field and per character (<see cref="HeapWalker"/> has the
/// figures). It tracks the process's managed heap to within a small factor, not exactly.
/// </param>
public readonly record struct HeapUsage(long LiveTables, long ApproximateBytes);

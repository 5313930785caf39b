namespace Stoffel.Stdlib;

/// <summary>
/// The groups of builtins <see cref="StandardLibrary.Register(Vm.Runtime.VirtualMachine, StdlibModules, StdlibOptions)"/> can install (a
/// host includes or leaves out whole modules, e.g. a sandbox without output or files leaves out
/// <see cref="Core"/> and <see cref="Storage"/>; docs/host-api.md "A VM and the standard library").
/// Names and semantics follow upstream's <c>standard_library.rs</c>; <see cref="Strings"/> and
/// <see cref="Math"/> go beyond upstream.
/// </summary>
[Flags]
public enum StdlibModules
{
    /// <summary>No builtins.</summary>
    None = 0,

    /// <summary><c>print</c>, <c>assert</c>, <c>type</c>, <c>to_string</c> (print format: docs/semantics.md "Value kinds"). The only module that writes output.</summary>
    Core = 1 << 0,

    /// <summary>Table access: <c>create_object</c>, <c>get_field</c>, <c>set_field</c>, <c>get_or_create_array_field</c> (docs/semantics.md "Value kinds", "Tables").</summary>
    Objects = 1 << 1,

    /// <summary>
    /// Lists and strings: <c>create_array</c>, <c>array_push</c>, <c>append</c>, <c>array_length</c>, <c>len</c>,
    /// <c>slice</c>, <c>contains</c>, <c>array_concat</c>, <c>array_repeat</c>, <c>array_equals</c>.
    /// </summary>
    Arrays = 1 << 2,

    /// <summary>
    /// <c>create_closure</c> (alias <c>create_closure_with_upvalue</c>), <c>call_closure</c> (alias
    /// <c>call_closure_with_arg</c>), <c>get_upvalue</c>, <c>set_upvalue</c>
    /// (docs/semantics.md "Value kinds", "Closures").
    /// </summary>
    Closures = 1 << 3,

    /// <summary>
    /// Upstream's list methods: <c>extend</c>, <c>copy</c>, <c>count</c>, <c>index</c>, <c>pop</c>,
    /// <c>remove</c>, <c>insert</c>, <c>delete</c>, <c>clear</c>, <c>reverse</c>, <c>sort</c>, <c>range</c>.
    /// </summary>
    Lists = 1 << 4,

    /// <summary>
    /// Beyond upstream: <c>split</c>, <c>join</c>, <c>upper</c>, <c>lower</c>, <c>trim</c>, <c>index_of</c>,
    /// <c>replace</c>, <c>parse_int</c>, <c>parse_float</c> (docs/host-api.md "Standard library beyond upstream").
    /// </summary>
    Strings = 1 << 5,

    /// <summary>
    /// Beyond upstream: <c>abs</c>, <c>min</c>, <c>max</c>, <c>pow</c>, <c>sqrt</c>, <c>floor</c>, <c>ceil</c>,
    /// <c>round</c> (docs/host-api.md "Standard library beyond upstream").
    /// </summary>
    Math = 1 << 6,

    /// <summary>
    /// <c>LocalStorage.store</c>, <c>.load</c>, <c>.retrieve</c>, <c>.load_share</c>,
    /// <c>.exists</c>, <c>.delete</c> (docs/host-api.md "LocalStorage") over a
    /// <see cref="LocalStore"/>: in memory unless <see cref="StdlibOptions"/> names one. The only
    /// module that writes files.
    /// </summary>
    Storage = 1 << 7,

    /// <summary>Every module.</summary>
    All = Core | Objects | Arrays | Closures | Lists | Strings | Math | Storage,
}

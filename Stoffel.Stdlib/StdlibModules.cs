namespace Stoffel.Stdlib;

/// <summary>
/// The groups of builtins <see cref="StandardLibrary.Register"/> can install (STYLE.md "Do" 15: a
/// host includes or leaves out whole modules, e.g. a sandbox without <c>print</c> leaves out
/// <see cref="Core"/>). Names and semantics follow SEMANTICS.md §4.1–§4.2.
/// </summary>
[Flags]
public enum StdlibModules
{
    /// <summary>No builtins.</summary>
    None = 0,

    /// <summary><c>print</c>, <c>assert</c>, <c>type</c>, <c>to_string</c> (SEMANTICS.md §4.1, §4.2, §4.3). The only module that writes output.</summary>
    Core = 1 << 0,

    /// <summary>Table access: <c>create_object</c>, <c>get_field</c>, <c>set_field</c>, <c>get_or_create_array_field</c> (SEMANTICS.md §3.7, §4.1).</summary>
    Objects = 1 << 1,

    /// <summary>
    /// Lists and strings: <c>create_array</c>, <c>array_push</c>, <c>append</c>, <c>array_length</c>, <c>len</c>,
    /// <c>slice</c>, <c>contains</c>, <c>array_concat</c>, <c>array_repeat</c>, <c>array_equals</c> (SEMANTICS.md §4.1, §4.2).
    /// </summary>
    Arrays = 1 << 2,

    /// <summary>
    /// <c>create_closure</c> (alias <c>create_closure_with_upvalue</c>), <c>call_closure</c> (alias
    /// <c>call_closure_with_arg</c>), <c>get_upvalue</c>, <c>set_upvalue</c> (SEMANTICS.md §3.6, §4.2).
    /// </summary>
    Closures = 1 << 3,

    /// <summary>Every module.</summary>
    All = Core | Objects | Arrays | Closures,
}

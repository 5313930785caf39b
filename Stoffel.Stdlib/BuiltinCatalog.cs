using static Stoffel.Stdlib.StdlibModules;

namespace Stoffel.Stdlib;

/// <summary>
/// Every builtin <see cref="StandardLibrary"/> registers, with its parameters and meaning, for
/// tools that describe builtins without a VM (the language server's hover, completion and
/// signature help). A test checks that it lists exactly the names each module registers.
/// </summary>
public static class BuiltinCatalog
{
    /// <summary>All builtins, module by module.</summary>
    public static IReadOnlyList<BuiltinInfo> All { get; } =
    [
        new("print", Core, ["values..."], "writes the values separated by spaces, then a newline; returns unit"),
        new("assert", Core, ["condition", "message?"], "fails with the message (or \"assertion failed\") when the condition is false"),
        new("type", Core, ["value"], "the name of the value's kind as a string"),
        new("to_string", Core, ["value"], "the value formatted as print writes it"),
        new("create_object", Objects, [], "a new empty object"),
        new("get_field", Objects, ["table", "key"], "the field or element at key; unit when an object lacks it"),
        new("set_field", Objects, ["table", "key", "value"], "stores value at key (arrays grow); returns unit"),
        new("get_or_create_array_field", Objects, ["table", "key"], "the table at key, or a new empty array stored there"),
        new("create_array", Arrays, ["capacity?"], "a new empty array"),
        new("array_push", Arrays, ["list", "values..."], "appends the values; returns the new length"),
        new("append", Arrays, ["list", "values..."], "appends the values; returns unit"),
        new("array_length", Arrays, ["list"], "the number of elements (of Unicode scalars for a string)"),
        new("len", Arrays, ["list"], "the number of elements (of Unicode scalars for a string)"),
        new("slice", Arrays, ["list", "start", "stop", "step?"], "a new array or string, Python's slicing rules"),
        new("contains", Arrays, ["container", "needle"], "true when a string holds the substring, a list an equal element, an object the key"),
        new("array_concat", Arrays, ["left", "right"], "a new array: left's elements, then right's"),
        new("array_repeat", Arrays, ["list", "count"], "a new array holding list's elements count times"),
        new("array_equals", Arrays, ["left", "right"], "element-wise equality, nested arrays compared deeply"),
        new("create_closure", Closures, ["function", "upvalues..."], "a closure of the function capturing the named upvalues now"),
        new("create_closure_with_upvalue", Closures, ["function", "upvalues..."], "alias of create_closure"),
        new("call_closure", Closures, ["closure", "arguments..."], "calls the closure; its result lands in r0"),
        new("call_closure_with_arg", Closures, ["closure", "arguments..."], "alias of call_closure"),
        new("get_upvalue", Closures, ["name"], "the calling frame's captured upvalue"),
        new("set_upvalue", Closures, ["name", "value"], "updates the calling frame's upvalue (and its closure)"),
        new("extend", Lists, ["list", "other"], "appends other's elements to list"),
        new("copy", Lists, ["list"], "a shallow copy"),
        new("count", Lists, ["list", "value"], "how many elements equal value"),
        new("index", Lists, ["list", "value", "start?", "stop?"], "the index of the first element equal to value; an error when absent"),
        new("pop", Lists, ["list", "index?"], "removes and returns the element at index (default the last)"),
        new("remove", Lists, ["list", "value"], "removes the first element equal to value"),
        new("insert", Lists, ["list", "index", "value"], "inserts value before index, Python's rules"),
        new("delete", Lists, ["list", "index"], "removes the element at index"),
        new("clear", Lists, ["list"], "removes every element"),
        new("reverse", Lists, ["list"], "reverses the list in place"),
        new("sort", Lists, ["list"], "sorts in place, stable, ordered as CMP orders"),
        new("range", Lists, ["start", "stop", "step?"], "a new array of int64 from start up to stop, Python's rules"),
        new("split", Strings, ["text", "separator"], "the pieces between separators (empty pieces kept)"),
        new("join", Strings, ["list", "separator"], "the list's strings with the separator between them"),
        new("upper", Strings, ["text"], "upper case, culture-independent"),
        new("lower", Strings, ["text"], "lower case, culture-independent"),
        new("trim", Strings, ["text"], "without leading and trailing white space"),
        new("index_of", Strings, ["text", "needle"], "the scalar index of the first occurrence, or -1"),
        new("replace", Strings, ["text", "old", "new"], "every occurrence of old replaced by new"),
        new("parse_int", Strings, ["text"], "the int64 the text spells; an error otherwise"),
        new("parse_float", Strings, ["text"], "the float the text spells (also inf, -inf, NaN); an error otherwise"),
        new("abs", StdlibModules.Math, ["x"], "the absolute value, same kind, checked"),
        new("min", StdlibModules.Math, ["values..."], "the least of the values, or of one list's elements"),
        new("max", StdlibModules.Math, ["values..."], "the greatest of the values, or of one list's elements"),
        new("pow", StdlibModules.Math, ["base", "exponent"], "base raised to exponent, checked for integers"),
        new("sqrt", StdlibModules.Math, ["x"], "the square root as a float; an error for a negative x"),
        new("floor", StdlibModules.Math, ["x"], "a float rounded down to int64; integers unchanged"),
        new("ceil", StdlibModules.Math, ["x"], "a float rounded up to int64; integers unchanged"),
        new("round", StdlibModules.Math, ["x"], "a float rounded half away from zero to int64; integers unchanged"),
        new("LocalStorage.store", Storage, ["key", "value"], "stores a deep copy of value under key; returns true"),
        new("LocalStorage.load", Storage, ["key"], "the value stored under key, or unit"),
        new("LocalStorage.retrieve", Storage, ["key"], "alias of LocalStorage.load"),
        new("LocalStorage.load_share", Storage, ["key"], "alias of LocalStorage.load"),
        new("LocalStorage.exists", Storage, ["key"], "true when key holds a value"),
        new("LocalStorage.delete", Storage, ["key"], "removes key; true when it held a value"),
    ];

    /// <summary>The builtin named <paramref name="name"/> (case-sensitive), or null.</summary>
    public static BuiltinInfo? Find(string name) => All.FirstOrDefault(b => b.Name == name);
}

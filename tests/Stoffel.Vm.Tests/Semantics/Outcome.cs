using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>What one instruction did: a result value (for CMP: I64 -1/0/1 for Less/Equal/Greater) or an error kind.</summary>
internal readonly record struct Outcome(Value Result, VmErrorKind? Error)
{
    public static Outcome Of(Value result) => new(result, null);

    public static Outcome Of(CompareFlag flag) => new(Value.FromI64((long)flag), null);

    public static Outcome Failed(VmErrorKind error) => new(Value.Unit, error);

    public bool Succeeded => Error is null;

    /// <summary>The doc/oracle cell code of this outcome (see <see cref="SemanticsOracle"/>).</summary>
    public string CellCode(bool isCompare) => Error switch
    {
        null => isCompare ? SemanticsOracle.OrderedCode : SemanticsOracle.CodeOf(Result.Kind),
        VmErrorKind.TypeError => SemanticsOracle.TypeErrorCode,
        VmErrorKind.CannotCompare => SemanticsOracle.CannotCompareCode,
        var other => other.ToString()!,
    };

    public override string ToString() => Error is { } error ? error.ToString() : $"{Result.Kind} {Result}";
}

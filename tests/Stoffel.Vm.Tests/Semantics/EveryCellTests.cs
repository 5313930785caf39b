using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// Every operand-kind pair of every arithmetic, bitwise, shift and compare instruction (and every
/// kind for NOT), run with a representative value per kind through the slow path and both VM
/// dispatch loops, compared with the outcome class the spec oracle gives.
/// </summary>
[TestClass]
public sealed class EveryCellTests
{
    [TestMethod]
    [DataRow(Opcode.ADD)]
    [DataRow(Opcode.SUB)]
    [DataRow(Opcode.MUL)]
    [DataRow(Opcode.DIV)]
    [DataRow(Opcode.MOD)]
    [DataRow(Opcode.AND)]
    [DataRow(Opcode.OR)]
    [DataRow(Opcode.XOR)]
    [DataRow(Opcode.SHL)]
    [DataRow(Opcode.SHR)]
    [DataRow(Opcode.CMP)]
    public void EveryKindPairHasTheSpecifiedOutcome(Opcode opcode)
    {
        var cells = from left in SemanticsOracle.AllKinds
                    from right in SemanticsOracle.AllKinds
                    select (left, right, outcome: InstructionHarness.Evaluate(opcode, Samples.Of(left), Samples.Of(right)));
        var checkedCells = 0;
        var mismatches = new List<string>();
        foreach (var (left, right, outcome) in cells)
        {
            checkedCells++;
            var actual = outcome.CellCode(isCompare: opcode == Opcode.CMP);
            var expected = SemanticsOracle.Expected(opcode, left, right);
            if (actual != expected)
            {
                mismatches.Add($"{left} × {right}: got {actual} ({outcome}), spec says {expected}");
            }
        }
        Assert.AreEqual(256, checkedCells);
        Assert.IsEmpty(mismatches, $"{opcode}:\n{string.Join("\n", mismatches)}");
    }

    [TestMethod]
    public void NotHasTheSpecifiedOutcomeForEveryKind()
    {
        var mismatches = SemanticsOracle.AllKinds
            .Select(kind => (kind, outcome: InstructionHarness.Evaluate(Opcode.NOT, Samples.Of(kind))))
            .Where(cell => cell.outcome.CellCode(isCompare: false) != SemanticsOracle.Not(cell.kind))
            .Select(cell => $"NOT {cell.kind}: got {cell.outcome}, spec says {SemanticsOracle.Not(cell.kind)}")
            .ToList();
        Assert.IsEmpty(mismatches, string.Join("\n", mismatches));
    }

    // Cross-check of the oracle itself against counts read straight off upstream's rules, as the
// summary tables of docs/semantics.md "Arithmetic", "Bitwise and shifts" and "CMP" state them:
    // ADD: 8 same-integer pairs + 3 float pairs + String×String; SUB..MOD: 8 + 3; AND/OR/XOR: 8 +
    // Bool×Bool; shifts: 8; NOT: 8 integers + Bool; CMP: 9×9 numeric pairs + String + Bool.
    [TestMethod]
    [DataRow(Opcode.ADD, 12)]
    [DataRow(Opcode.SUB, 11)]
    [DataRow(Opcode.MUL, 11)]
    [DataRow(Opcode.DIV, 11)]
    [DataRow(Opcode.MOD, 11)]
    [DataRow(Opcode.AND, 9)]
    [DataRow(Opcode.OR, 9)]
    [DataRow(Opcode.XOR, 9)]
    [DataRow(Opcode.SHL, 8)]
    [DataRow(Opcode.SHR, 8)]
    [DataRow(Opcode.NOT, 9)]
    [DataRow(Opcode.CMP, 83)]
    public void OracleAllowsExactlyTheSpecifiedNumberOfCells(Opcode opcode, int allowed)
    {
        var pairs = opcode == Opcode.NOT
            ? SemanticsOracle.AllKinds.Select(kind => (kind, ValueKind.Unit))
            : from left in SemanticsOracle.AllKinds from right in SemanticsOracle.AllKinds select (left, right);
        var count = pairs.Count(p => SemanticsOracle.Expected(opcode, p.Item1, p.Item2) is not (SemanticsOracle.TypeErrorCode or SemanticsOracle.CannotCompareCode));
        Assert.AreEqual(allowed, count);
    }

    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void SameKindIntegerResultsHaveTheRightValues(ValueKind kind)
    {
        Value Of(Int128 n) => Samples.Int(kind, n);
        InstructionHarness.AssertResult(Opcode.ADD, Of(12), Of(5), Of(17));
        InstructionHarness.AssertResult(Opcode.SUB, Of(12), Of(5), Of(7));
        InstructionHarness.AssertResult(Opcode.MUL, Of(12), Of(5), Of(60));
        InstructionHarness.AssertResult(Opcode.DIV, Of(12), Of(5), Of(2));
        InstructionHarness.AssertResult(Opcode.MOD, Of(12), Of(5), Of(2));
        InstructionHarness.AssertResult(Opcode.AND, Of(12), Of(5), Of(4));
        InstructionHarness.AssertResult(Opcode.OR, Of(12), Of(5), Of(13));
        InstructionHarness.AssertResult(Opcode.XOR, Of(12), Of(5), Of(9));
        InstructionHarness.AssertResult(Opcode.SHL, Of(12), Of(2), Of(48));
        InstructionHarness.AssertResult(Opcode.SHR, Of(12), Of(2), Of(3));
    }
}

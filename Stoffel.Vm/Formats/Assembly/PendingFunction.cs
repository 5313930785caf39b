using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// A function between its <c>.function</c> and <c>.end</c> lines: collects labels, instructions,
/// directives and label references, then checks the references and becomes a
/// <see cref="FunctionDefinition"/>.
/// </summary>
internal sealed class PendingFunction(string name, IReadOnlyList<string> parameters, int? declaredRegisters, int line, int column)
{
    private readonly List<Label> _labels = [];
    private readonly Dictionary<string, int> _labelLines = new(StringComparer.Ordinal);
    private readonly List<InstructionDefinition> _instructions = [];
    private readonly List<(string Name, int Line, int Column)> _labelReferences = [];
    private IReadOnlyList<string>? _upvalues;
    private string? _parent;
    private bool _hasParent;

    /// <summary>The function name.</summary>
    public string Name => name;

    /// <summary>The 1-based line of the <c>.function</c> directive.</summary>
    public int Line => line;

    /// <summary>The 1-based column of the <c>.function</c> directive.</summary>
    public int Column => column;

    /// <summary>Declares a label at the next instruction index; a repeated name is an error.</summary>
    public void DefineLabel(string label, int labelLine, int labelColumn, StfaDiagnostics diagnostics)
    {
        if (_labelLines.TryGetValue(label, out var firstLine))
        {
            diagnostics.Add(labelLine, labelColumn, $"duplicate label '{label}' in function '{name}' (first defined on line {firstLine})");
            return;
        }
        _labelLines.Add(label, labelLine);
        _labels.Add(new Label(label, _instructions.Count));
    }

    /// <summary>Appends an instruction.</summary>
    public void AddInstruction(InstructionDefinition instruction) => _instructions.Add(instruction);

    /// <summary>Notes a jump to <paramref name="label"/>, checked when the function ends.</summary>
    public void ReferenceLabel(string label, int referenceLine, int referenceColumn) =>
        _labelReferences.Add((label, referenceLine, referenceColumn));

    /// <summary>Sets the <c>.upvalues</c> list; false when the function already has one.</summary>
    public bool TrySetUpvalues(IReadOnlyList<string> upvalues)
    {
        if (_upvalues is not null)
        {
            return false;
        }
        _upvalues = upvalues;
        return true;
    }

    /// <summary>Sets the <c>.parent</c> name; false when the function already has one.</summary>
    public bool TrySetParent(string parent)
    {
        if (_hasParent)
        {
            return false;
        }
        _parent = parent;
        _hasParent = true;
        return true;
    }

    /// <summary>
    /// Reports every jump to an undefined label and builds the definition. Without a declared
    /// <c>registers</c> count the count is the highest register used + 1.
    /// </summary>
    public FunctionDefinition Finish(StfaDiagnostics diagnostics)
    {
        foreach (var (label, referenceLine, referenceColumn) in _labelReferences.Where(r => !_labelLines.ContainsKey(r.Name)))
        {
            diagnostics.Add(referenceLine, referenceColumn, $"unknown label '{label}' in function '{name}'");
        }
        return new FunctionDefinition(
            name, declaredRegisters ?? HighestRegister() + 1, parameters, null, _upvalues ?? [], _parent, _labels, _instructions, line);
    }

    private int HighestRegister()
    {
        var highest = -1;
        foreach (var instruction in _instructions)
        {
            var operands = OpcodeTable.Get(instruction.Opcode).Operands;
            int[] values = [instruction.A, instruction.B, instruction.C];
            for (var i = 0; i < operands.Count; i++)
            {
                if (operands[i] == OperandKind.Register)
                {
                    highest = Math.Max(highest, values[i]);
                }
            }
        }
        return highest;
    }
}

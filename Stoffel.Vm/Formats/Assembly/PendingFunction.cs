using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// A function between its <c>.function</c> and <c>.end</c> lines: collects labels, instructions,
/// directives and label references, then checks the references and becomes a
/// <see cref="FunctionDefinition"/> and, for tools, a <see cref="StfaFunctionSyntax"/>.
/// </summary>
internal sealed class PendingFunction(StfaName? name, IReadOnlyList<StfaName> parameters, int? declaredRegisters, StfaRange directive)
{
    private readonly List<Label> _labels = [];
    private readonly List<StfaName> _labelNames = [];
    private readonly Dictionary<string, int> _labelLines = new(StringComparer.Ordinal);
    private readonly List<InstructionDefinition> _instructions = [];
    private readonly List<StfaInstructionSyntax> _instructionSyntax = [];
    private readonly List<StfaName> _labelReferences = [];
    private IReadOnlyList<string>? _upvalues;
    private StfaName? _parent;
    private bool _hasParent;

    /// <summary>The function name ("" when the header lacks one).</summary>
    public string Name => name?.Text ?? "";

    /// <summary>Where the <c>.function</c> directive is written.</summary>
    public StfaRange Directive => directive;

    /// <summary>Declares a label at the next instruction index; a repeated name is an error.</summary>
    public void DefineLabel(StfaName label, StfaDiagnostics diagnostics)
    {
        if (_labelLines.TryGetValue(label.Text, out var firstLine))
        {
            diagnostics.Add(label.Range, StfaErrorCode.DuplicateLabel, $"duplicate label '{label.Text}' in function '{Name}' (first defined on line {firstLine})");
            return;
        }
        _labelLines.Add(label.Text, label.Range.Line);
        _labels.Add(new Label(label.Text, _instructions.Count));
        _labelNames.Add(label);
    }

    /// <summary>Records an instruction line whose mnemonic is known, with the operands read without error.</summary>
    public void AddSyntax(StfaInstructionSyntax instruction) => _instructionSyntax.Add(instruction);

    /// <summary>Appends an instruction.</summary>
    public void AddInstruction(InstructionDefinition instruction) => _instructions.Add(instruction);

    /// <summary>Notes a jump to a label, checked when the function ends.</summary>
    public void ReferenceLabel(StfaName label) => _labelReferences.Add(label);

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
    public bool TrySetParent(StfaName parent)
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
        foreach (var reference in _labelReferences.Where(r => !_labelLines.ContainsKey(r.Text)))
        {
            diagnostics.Add(reference.Range, StfaErrorCode.UnknownLabel, $"unknown label '{reference.Text}' in function '{Name}'");
        }
        return new FunctionDefinition(
            Name, declaredRegisters ?? HighestRegister() + 1, parameters.Select(p => p.Text).ToArray(), null, _upvalues ?? [], _parent?.Text,
            _labels, _instructions, directive.Line);
    }

    /// <summary>The function as written, ending on <paramref name="endLine"/>.</summary>
    public StfaFunctionSyntax ToSyntax(int endLine) =>
        new(name, directive, endLine, parameters, declaredRegisters, _parent, _labelNames, _instructionSyntax);

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

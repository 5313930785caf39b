using System.Globalization;
using System.Text;
using Stoffel.LanguageServer.Protocol;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;

namespace Stoffel.LanguageServer.Features;

/// <summary>
/// Formatting into the layout <c>stoffel disasm</c> writes: <c>.function</c>, labels and
/// <c>.end</c> at the margin, each label on its own line, instructions and directives indented by
/// four spaces with upper-case mnemonics, operands separated by <c>", "</c> in canonical form
/// (<c>r3</c>, <c>[sp-1]</c>, literals as the disassembler writes them), comments kept after one
/// space, runs of blank lines collapsed. A line with an error is left as written.
/// </summary>
internal static class DocumentFormatter
{
    private const string Indent = "    ";

    public static TextEdit[] Format(StfaDocument document)
    {
        var formatted = Layout(document);
        if (formatted == document.Text)
        {
            return [];
        }
        var last = document.LineCount;
        return [new TextEdit(Ranges.Lines(document, 1, last), formatted)];
    }

    private static string Layout(StfaDocument document)
    {
        var analysis = document.Analysis;
        var broken = analysis.Diagnostics.Select(d => d.Range.Line).ToHashSet();
        var headers = analysis.Functions.ToDictionary(f => f.Directive.Line, f => f);
        var instructions = analysis.Functions.SelectMany(f => f.Instructions).ToDictionary(i => i.Mnemonic.Line, i => i);
        var labels = analysis.Functions.SelectMany(f => f.Labels).ToLookup(l => l.Range.Line);
        var comments = analysis.Comments.ToDictionary(c => c.Line, c => document.Slice(c));
        var ends = analysis.Keywords.Where(k => document.Slice(k).Equals(".end", StringComparison.OrdinalIgnoreCase)).Select(k => k.Line).ToHashSet();

        var output = new List<string>();
        for (var line = 1; line <= document.LineCount; line++)
        {
            var text = document.LineText(line);
            if (broken.Contains(line))
            {
                output.Add(text.TrimEnd());
                continue;
            }
            var code = new List<string>();
            if (headers.TryGetValue(line, out var header))
            {
                code.Add(FunctionDescriptions.Header(header, document));
            }
            else if (ends.Contains(line))
            {
                code.Add(".end");
            }
            else
            {
                code.AddRange(labels[line].Select(label => document.Slice(label.Range) + ":"));
                if (instructions.TryGetValue(line, out var instruction))
                {
                    code.Add(Indent + FormatInstruction(instruction));
                }
                else if (code.Count == 0 && CodeBeforeComment(text, comments.GetValueOrDefault(line)) is { Length: > 0 } other)
                {
                    code.Add((document.FunctionAt(line) is null ? "" : Indent) + other);
                }
            }
            if (comments.TryGetValue(line, out var comment))
            {
                if (code.Count == 0)
                {
                    code.Add((document.FunctionAt(line) is { } f && f.Directive.Line != line && !ends.Contains(line) ? Indent : "") + comment);
                }
                else
                {
                    code[^1] += " " + comment;
                }
            }
            if (code.Count > 0 || (output.Count > 0 && output[^1].Length > 0))
            {
                output.AddRange(code.Count > 0 ? code : [""]);
            }
        }
        while (output.Count > 0 && output[^1].Length == 0)
        {
            output.RemoveAt(output.Count - 1);
        }
        return string.Join("\n", output) + "\n";
    }

    private static string CodeBeforeComment(string text, string? comment) =>
        (comment is null ? text : text[..^comment.Length]).Trim();

    private static string FormatInstruction(StfaInstructionSyntax instruction)
    {
        var mnemonic = instruction.Opcode.Mnemonic;
        return instruction.Operands.Count == 0 ? mnemonic : $"{mnemonic} {string.Join(", ", instruction.Operands.Select(FormatOperand))}";
    }

    private static string FormatOperand(StfaOperandSyntax operand)
    {
        var number = operand.Number.ToString(CultureInfo.InvariantCulture);
        return operand.Kind switch
        {
            OperandKind.Register => "r" + number,
            OperandKind.SpillSlot => "s" + number,
            OperandKind.StackOffset => "[sp" + (operand.Number < 0 ? "" : "+") + number + "]",
            OperandKind.Constant => LiteralFormatter.Format(operand.Literal!.Value),
            _ => StfaSyntax.FormatName(operand.Symbol!),
        };
    }
}

using System.Globalization;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// Evaluates debugger expressions in one frame: a literal (<c>42</c>, <c>7u8</c>, <c>"s"</c>,
/// <c>true</c>), a path (<c>r5</c>, a parameter or upvalue name, then <c>[n]</c> indices — negative
/// count from the end — <c>["key"]</c> and <c>.name</c> keys), or one comparison of two of these
/// with <c>== != &lt; &lt;= &gt; &gt;=</c> under the VM's CMP semantics. Never runs program code.
/// The caller holds the state lock.
/// </summary>
internal static class ExpressionEvaluator
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">"];

    /// <exception cref="EvaluationException">The expression is malformed or names nothing.</exception>
    public static Value Evaluate(VmInspector vm, int frameIndex, string expression)
    {
        var scanner = new Scanner(expression);
        var left = Operand(vm, frameIndex, scanner);
        scanner.SkipSpaces();
        if (scanner.AtEnd)
        {
            return left;
        }
        var op = Operators.FirstOrDefault(scanner.TryTake)
            ?? throw new EvaluationException($"unexpected '{scanner.Rest}' in '{expression}'");
        var right = Operand(vm, frameIndex, scanner);
        scanner.SkipSpaces();
        if (!scanner.AtEnd)
        {
            throw new EvaluationException($"unexpected '{scanner.Rest}' in '{expression}'");
        }
        CompareFlag flag;
        try
        {
            flag = Comparison.Compare(left, right);
        }
        catch (StoffelError e)
        {
            throw new EvaluationException(e.Message);
        }
        return Value.FromBool(op switch
        {
            "==" => flag == CompareFlag.Equal,
            "!=" => flag != CompareFlag.Equal,
            "<" => flag == CompareFlag.Less,
            "<=" => flag != CompareFlag.Greater,
            ">" => flag == CompareFlag.Greater,
            _ => flag != CompareFlag.Less,
        });
    }

    private static Value Operand(VmInspector vm, int frameIndex, Scanner scanner)
    {
        scanner.SkipSpaces();
        if (scanner.AtEnd)
        {
            throw new EvaluationException("expected a value");
        }
        if (scanner.Peek == '"' || char.IsDigit(scanner.Peek) || (scanner.Peek is '-' or '+' or '.'))
        {
            return ParseLiteral(scanner.TakeLiteral());
        }
        var name = scanner.TakeIdentifier() ?? throw new EvaluationException($"unexpected '{scanner.Rest}'");
        if (name is "true" or "false" or "unit" or "inf" or "nan")
        {
            return ParseLiteral(name);
        }
        var value = Root(vm, frameIndex, name);
        while (true)
        {
            scanner.SkipSpaces();
            if (scanner.TryTake("."))
            {
                var key = scanner.TakeIdentifier() ?? throw new EvaluationException("expected a field name after '.'");
                value = Index(vm, value, Value.FromString(key), key);
            }
            else if (scanner.TryTake("["))
            {
                scanner.SkipSpaces();
                var key = ParseLiteral(scanner.TakeLiteral());
                scanner.SkipSpaces();
                if (!scanner.TryTake("]"))
                {
                    throw new EvaluationException("expected ']'");
                }
                value = Index(vm, value, key, ValueText.Display(key));
            }
            else
            {
                return value;
            }
        }
    }

    private static Value ParseLiteral(string text) =>
        LiteralParser.TryParseLiteral(text, out var value, out var error) ? value : throw new EvaluationException(error);

    /// <summary>A register, parameter or upvalue of the frame.</summary>
    public static Value Root(VmInspector vm, int frameIndex, string name)
    {
        var frame = vm.GetFrame(frameIndex);
        if (name.Length > 1 && name[0] == 'r' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var register)
            && register < frame.RegisterCount)
        {
            return vm.GetRegister(frameIndex, register);
        }
        foreach (var local in vm.GetLocals(frameIndex))
        {
            if (local.Key == name)
            {
                return local.Value;
            }
        }
        foreach (var upvalue in vm.GetUpvalues(frameIndex))
        {
            if (upvalue.Name == name)
            {
                return upvalue.Value;
            }
        }
        throw new EvaluationException($"'{name}' is not a register, parameter or upvalue of {frame.Function.Name}");
    }

    /// <summary>Reads <paramref name="table"/>[<paramref name="key"/>] without firing hooks.</summary>
    public static Value Index(VmInspector vm, Value table, Value key, string keyText)
    {
        if (table.AsArray is { } array)
        {
            if (key.Kind == ValueKind.I64)
            {
                var index = key.AsI64 < 0 ? array.Length + key.AsI64 : key.AsI64;
                if (index < 0 || index >= array.Length)
                {
                    throw new EvaluationException($"index {key.AsI64} is out of range for an array of length {array.Length}");
                }
                return array.Elements[(int)index];
            }
            return array.HasSideEntries && array.SideEntries.TryGetValue(key, out var side)
                ? side
                : throw new EvaluationException($"the array has no key {keyText}");
        }
        if (table.AsObject is { } obj)
        {
            return obj.Get(key);
        }
        throw new EvaluationException($"cannot index a {ValueText.TypeOf(table)} with {keyText}");
    }

    private sealed class Scanner(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public char Peek => text[_position];

        public string Rest => text[_position..];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek))
            {
                _position++;
            }
        }

        public bool TryTake(string token)
        {
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) == 0)
            {
                _position += token.Length;
                return true;
            }
            return false;
        }

        public string? TakeIdentifier()
        {
            var start = _position;
            while (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek == '_') && (_position > start || !char.IsDigit(Peek)))
            {
                _position++;
            }
            return _position > start ? text[start.._position] : null;
        }

        /// <summary>A string literal with its quotes, or a number-like run (digits, letters, '.', signs after 'e').</summary>
        public string TakeLiteral()
        {
            var start = _position;
            if (!AtEnd && Peek == '"')
            {
                _position++;
                while (!AtEnd && Peek != '"')
                {
                    _position += Peek == '\\' && _position + 1 < text.Length ? 2 : 1;
                }
                if (AtEnd)
                {
                    throw new EvaluationException("unterminated string literal");
                }
                _position++;
                return text[start.._position];
            }
            if (!AtEnd && Peek is '-' or '+')
            {
                _position++;
            }
            while (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek is '.' or '_'
                || (Peek is '-' or '+' && text[_position - 1] is 'e' or 'E' && char.IsDigit(text[start]))))
            {
                _position++;
            }
            if (_position == start)
            {
                throw new EvaluationException($"expected a value at '{Rest}'");
            }
            return text[start.._position];
        }
    }
}

/// <summary>An expression could not be evaluated; the message says why.</summary>
public sealed class EvaluationException(string message) : Exception(message);

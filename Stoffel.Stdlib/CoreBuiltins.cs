using System.Text;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>The <see cref="StdlibModules.Core"/> module: output, assertions, type names and formatting.</summary>
internal static class CoreBuiltins
{
    private const string DefaultAssertMessage = "assertion failed";

    public static void Register(VirtualMachine vm)
    {
        vm.RegisterFunction("print", Print);
        vm.RegisterBuiltin("assert", Assert);
        vm.RegisterBuiltin("type", TypeName);
        vm.RegisterBuiltin("to_string", ToText);
    }

    // As upstream's print: every argument formatted (ValueFormatter), joined by single spaces, then "\n".
    private static Value Print(ForeignFunctionContext context)
    {
        var line = new StringBuilder();
        for (var i = 0; i < context.ArgumentCount; i++)
        {
            if (i > 0)
            {
                line.Append(' ');
            }
            line.Append(ValueFormatter.Format(context[i]));
        }
        line.Append('\n');
        context.Output.Write(line.ToString());
        return Value.Unit;
    }

    // As upstream's assert: the message is arg1 when it is a String, else the default; extra arguments are ignored.
    private static Value Assert(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 1);
        var condition = context[0];
        if (condition.Kind != ValueKind.Bool)
        {
            throw Arguments.TypeError(context, 0, "a boolean condition");
        }
        if (condition.AsBool)
        {
            return Value.Unit;
        }
        var message = context.ArgumentCount > 1 && context[1].AsVmString is { } text ? text.Text : DefaultAssertMessage;
        throw new StoffelError(VmErrorKind.ForeignFunctionError, message);
    }

    private static Value TypeName(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return context.CreateString(context[0].Kind.TypeName());
    }

    private static Value ToText(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return context.CreateString(ValueFormatter.Format(context[0]));
    }
}

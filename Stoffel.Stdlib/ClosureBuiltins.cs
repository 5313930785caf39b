using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The <see cref="StdlibModules.Closures"/> module (capture by name:
/// docs/semantics.md "Value kinds"). Capture, calls and upvalue access are the context's; it fires
/// ClosureCreated, UpvalueRead and UpvalueWrite.
/// </summary>
internal static class ClosureBuiltins
{
    public static void Register(VirtualMachine vm)
    {
        vm.RegisterBuiltin("create_closure", CreateClosure);
        vm.RegisterBuiltin("create_closure_with_upvalue", CreateClosure);
        vm.RegisterBuiltin("call_closure", CallClosure, Intrinsic.CallClosure);
        vm.RegisterBuiltin("call_closure_with_arg", CallClosure, Intrinsic.CallClosure);
        vm.RegisterBuiltin("get_upvalue", GetUpvalue, Intrinsic.GetUpvalue);
        vm.RegisterBuiltin("set_upvalue", SetUpvalue, Intrinsic.SetUpvalue);
    }

    // create_closure(fname, *upvalue_names): each name is captured from the frame chain now.
    private static Value CreateClosure(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 1);
        var function = Arguments.String(context, 0);
        var names = new string[context.ArgumentCount - 1];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Arguments.String(context, i + 1);
        }
        try
        {
            return context.CreateClosure(function, names);
        }
        catch (StoffelError error) when (error.Kind is VmErrorKind.UpvalueNotFound or VmErrorKind.FunctionNotFound)
        {
            throw Arguments.Named(context, error);
        }
    }

    // call_closure(c, *args): pushes the closure's frame; its return value lands in the caller's r0,
    // so the Unit returned here is discarded.
    private static Value CallClosure(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 1);
        var closure = Arguments.Closure(context, 0);
        if (context.Inspector.CallDepth == 0)
        {
            throw Arguments.Error(context, VmErrorKind.InvalidEntry, "must be called from a program function, not as the entry");
        }
        try
        {
            context.CallClosure(closure, context.Arguments[1..]);
        }
        catch (StoffelError error) when (error.Kind is VmErrorKind.FunctionNotFound or VmErrorKind.FunctionArityMismatch)
        {
            throw Arguments.Named(context, error);
        }
        return Value.Unit;
    }

    // get_upvalue(name): the calling frame's captured upvalue.
    private static Value GetUpvalue(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var name = Arguments.String(context, 0);
        try
        {
            return context.GetUpvalue(name);
        }
        catch (StoffelError error) when (error.Kind is VmErrorKind.UpvalueNotFound)
        {
            throw Arguments.Named(context, error);
        }
    }

    // set_upvalue(name, value): updates the frame's upvalue and, for a closure frame, the closure itself.
    private static Value SetUpvalue(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 2);
        var name = Arguments.String(context, 0);
        try
        {
            context.SetUpvalue(name, context[1]);
        }
        catch (StoffelError error) when (error.Kind is VmErrorKind.UpvalueNotFound)
        {
            throw Arguments.Named(context, error);
        }
        return Value.Unit;
    }
}

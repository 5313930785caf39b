using Stoffel.Debugger.Engine;
using Stoffel.Debugger.Protocol;

namespace Stoffel.Debugger.Adapter;

// stackTrace / scopes / variables / setVariable / evaluate / source / exceptionInfo: each needs
// a stopped VM (the engine throws NotStoppedException otherwise, which becomes an error response).
public sealed partial class DebugAdapter
{
    private void StackTrace(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.StackTraceArguments);
        var session = RequireSession();
        var frames = session.GetStackTrace();
        bool? canRestart = session.Recording is not null ? true : null;
        var start = Math.Clamp(arguments.StartFrame ?? 0, 0, frames.Count);
        var levels = arguments.Levels is > 0 and var l ? l : frames.Count;
        Respond(request, new StackTraceBody
        {
            StackFrames = frames.Skip(start).Take(levels).Select(f => new StackFrameDto
            {
                Id = f.Id,
                Name = f.Name,
                Source = f.Source is { } source ? EventTranslator.Source(source, _paths) : null,
                Line = f.Line > 0 ? ToClientLine(f.Line) : 0,
                Column = f.Source is not null ? 1 : 0,
                InstructionPointerReference = f.InstructionAddress is { } address ? InstructionReference.Format(address) : null,
                CanRestart = canRestart,
            }).ToArray(),
            TotalFrames = frames.Count,
        }, ProtocolJson.Default.StackTraceBody);
    }

    private void Scopes(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.ScopesArguments);
        var scopes = RequireSession().GetScopes(arguments.FrameId);
        Respond(request, new ScopesBody
        {
            Scopes = scopes.Select(s => new ScopeDto
            {
                Name = s.Name,
                PresentationHint = s.Name switch { "Registers" => "registers", "Locals" => "locals", _ => null },
                VariablesReference = s.VariablesReference,
                NamedVariables = s.NamedVariables,
                Expensive = false,
            }).ToArray(),
        }, ProtocolJson.Default.ScopesBody);
    }

    private void Variables(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.VariablesArguments);
        var filter = arguments.Filter switch { "indexed" => VariableFilter.Indexed, "named" => VariableFilter.Named, _ => VariableFilter.All };
        var variables = RequireSession().GetVariables(arguments.VariablesReference, filter, Math.Max(0, arguments.Start ?? 0), Math.Max(0, arguments.Count ?? 0));
        Respond(request, new VariablesBody { Variables = variables.Select(Variable).ToArray() }, ProtocolJson.Default.VariablesBody);
    }

    private void SetVariable(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.SetVariableArguments);
        var view = RequireSession().SetVariable(arguments.VariablesReference, arguments.Name, arguments.Value);
        Respond(request, Present(new SetVariableBody { Value = view.Value }, view), ProtocolJson.Default.SetVariableBody);
        // The same value may show elsewhere (a parameter is also a register; a table in several places).
        Invalidate("variables");
    }

    private void Evaluate(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.EvaluateArguments);
        var view = RequireSession().Evaluate(arguments.Expression, arguments.FrameId);
        Respond(request, Present(new EvaluateBody { Result = view.Value }, view), ProtocolJson.Default.EvaluateBody);
    }

    private void Source(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.SourceArguments);
        var reference = arguments.SourceReference > 0 ? arguments.SourceReference : arguments.Source?.SourceReference ?? 0;
        var source = RequireSession().GetSource(reference)
            ?? throw new RequestException($"no source with reference {reference}");
        Respond(request, new SourceBody { Content = source.Text ?? "", MimeType = "text/x-stoffel-asm" }, ProtocolJson.Default.SourceBody);
    }

    private void ExceptionInfo(IncomingRequest request)
    {
        Arguments(request, ProtocolJson.Default.ThreadArguments);
        var details = RequireSession().GetExceptionInfo()
            ?? throw new RequestException("the program is not stopped on a VM error");
        Respond(request, new ExceptionInfoBody
        {
            ExceptionId = details.Kind,
            Description = details.Message,
            BreakMode = "always",
            Details = new ExceptionDetailsDto { Message = details.Message, TypeName = details.Kind, StackTrace = details.StackTrace },
        }, ProtocolJson.Default.ExceptionInfoBody);
    }

    private static VariableDto Variable(VariableView view) =>
        Present(new VariableDto { Name = view.Name, Value = view.Value, EvaluateName = view.EvaluateName }, view);

    /// <summary>Fills in what every presentation of a value shares (child counts of 0 are left out).</summary>
    private static T Present<T>(T dto, VariableView view) where T : ValuePresentationDto
    {
        dto.Type = view.Type;
        dto.VariablesReference = view.VariablesReference;
        dto.NamedVariables = view.NamedVariables > 0 ? view.NamedVariables : null;
        dto.IndexedVariables = view.IndexedVariables > 0 ? view.IndexedVariables : null;
        return dto;
    }
}

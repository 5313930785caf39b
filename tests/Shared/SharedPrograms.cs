namespace Stoffel.Tests.Shared;

/// <summary>Programs several test projects run (linked into each; see tests/Directory.Build.props).</summary>
internal static class SharedPrograms
{
    /// <summary>
    /// Recursive Fibonacci, laid out as examples/fib.stfa: 17 instructions, the base case
    /// <c>RET r3</c> at instruction 15. fib(n) makes 2·fib(n+1) − 1 calls (fib(10): 177).
    /// </summary>
    public const string Fib = """
        .function fib(n)
            MOV r3, r0
            LDI r1, 2
            CMP r3, r1
            JMPLT base
            LDI r1, 1
            SUB r2, r3, r1
            PUSHARG r2
            CALL fib
            MOV r4, r0
            LDI r1, 2
            SUB r2, r3, r1
            PUSHARG r2
            CALL fib
            ADD r0, r4, r0
            RET r0
        base:
            RET r3
        .end
        """;
}

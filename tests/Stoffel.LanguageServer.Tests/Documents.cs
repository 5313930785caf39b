namespace Stoffel.LanguageServer.Tests;

/// <summary>The documents the tests open; line numbers in comments are the LSP's (0-based).</summary>
internal static class Documents
{
    public const string Fib = """
        ; sample
        .function main() registers 3
            LDI r1, 20
            PUSHARG r1
            CALL fib
            PUSHARG r0
            CALL print
        .end

        .function fib(n) registers 4
            LDI r1, 2
            CMP r0, r1
            JMPLT base
            RET r1
        base:
            RET r0
        .end

        """;

    public const string Broken = """
        .function main() registers 2
            MOVE r1, r0
            MOV r7, r0
            JMP nowhere
            CALL nothing
            LDI r1, 300u8
        .end

        """;
}

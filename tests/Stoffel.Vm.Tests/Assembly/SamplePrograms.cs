namespace Stoffel.Vm.Tests.Assembly;

/// <summary>Realistic <c>.stfa</c> programs used by the round-trip and disassembler tests.</summary>
internal static class SamplePrograms
{
    public const string Fibonacci = """
        ; recursive Fibonacci, the way the StoffelLang compiler lays it out
        .function fib(n) registers 5
            MOV r3, r0
            LDI r1, 2
            CMP r3, r1
            JMPLT base          # n < 2
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

        .function main()
            LDI r1, 20
            PUSHARG r1
            CALL fib
            PUSHARG r0
            CALL print
        .end
        """;

    public const string Loops = """
        .function classify(x)
            LDI r1, 0
            CMP r0, r1
            JMPLT negative
            JMPGT positive
            JMPEQ zero
        negative:
            LDI r0, "negative"
            JMP done
        positive:
            LDI r0, "positive"
            JMP done
        zero:
            LDI r0, "zero"
            JMPNEQ done
        done:
        end:
        .end

        .function sum_to(limit) registers 8
            LDI r1, 0            ; i
            LDI r2, 0            ; sum
            LDI r3, 1
        top: LDI r4, 3
            CMP r1, r0
            JMPGT exit
            JMPEQ exit
            MOD r5, r1, r4
            MUL r6, r5, r5
            DIV r6, r6, r3
            ADD r2, r2, r6
            AND r7, r1, r3
            OR r7, r7, r3
            XOR r7, r7, r3
            NOT r7, r7
            SHL r7, r3, r3
            SHR r7, r7, r3
            ADD r1, r1, r3
            NOP
            JMP top
        exit:
            RET r2
        .end

        .function main()
            LDI r1, 10
            PUSHARG r1
            CALL sum_to
            PUSHARG r0
            LD r2, [sp+0]
            LD r3, [sp-1]
            CALL classify
        .end
        """;

    public const string SpillSlots = """
        .function juggle(a, b, c)
            STS s0, r0
            STS s1, r1
            STS s12, r2
            LDS r2, s0
            LDS r0, s12
            ADD r0, r0, r2
            LDS r1, s1
            PUSHARG r1
            LDS r1, s99       ; never written: reads unit
            PUSHARG r1
            CALL pair
        .end
        """;

    public const string EveryLiteral = """
        .function literals() registers 16
            LDI r0, 42
            LDI r1, -7
            LDI r2, 42i32
            LDI r3, -32768i16
            LDI r4, -128i8
            LDI r5, 255u8
            LDI r6, 65535u16
            LDI r7, 4294967295u32
            LDI r8, 18446744073709551615u64
            LDI r9, 1u64
            LDI r10, 1
            LDI r11, 3.5
            LDI r12, 7.0
            LDI r13, 1e-3
            LDI r14, 1.5f64
            LDI r15, -0.0
            LDI r0, inf
            LDI r1, -inf
            LDI r2, nan
            LDI r3, -nan
            LDI r4, nan_0x7ff8000000000001
            LDI r5, 0.1
            LDI r6, 1e300
            LDI r7, 5e-324
            LDI r8, true
            LDI r9, false
            LDI r10, unit
            LDI r11, 42
            LDI r12, 3.5
            LDI r13, 7i8
            LDI r14, 7u8
            LDI r15, 7
        .end
        """;

    public const string Strings = """
        .function greet(name)
            LDI r1, "hello, \"world\"\n"
            LDI r2, "tab\there, back\\slash, nul\0, cr\r, bell\u{7}"
            LDI r3, "caf\u{e9} 日本語 \u{1F600} ; not a comment # nor this"
            LDI r4, ""
            LDI r5, "hello, \"world\"\n"
            ADD r1, r1, r0
            ADD r1, r1, r2
            RET r1
        .end
        """;

    public const string ClosuresAndNames = """
        .function "make counter"(start) registers 2
            PUSHARG r0
            LDI r1, "utils.math.add"
            PUSHARG r1
            CALL create_closure
        .end

        .function counter.step(delta)
            .upvalues start, "the total"
            .parent "make counter"
            CALL "get upvalue"
            CALL utils.math.add
            JMP "odd label"
        "odd label":
            RET r0
        .end

        .function utils.math.add(a, b)
            ADD r0, r0, r1
        .end

        .function main()
            LDI r0, unit
            LDI r1, true
            LDI r2, false
            CMP r1, r2
        .end
        """;

    public static readonly string[] All = [Fibonacci, Loops, SpillSlots, EveryLiteral, Strings, ClosuresAndNames];
}

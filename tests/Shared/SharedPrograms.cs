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

    /// <summary>
    /// calls(n): acc = add(acc, i) for i in 0 .. n-1, returning n(n-1)/2: n calls of a
    /// two-argument leaf from one loop (bench/programs/calls.stfa).
    /// </summary>
    public const string CallLoop = """
        .function add(a, b)
            ADD r0, r0, r1
            RET r0
        .end
        .function calls(n)
            MOV r5, r0
            LDI r1, 0
            LDI r2, 0
            LDI r3, 1
        loop:
            CMP r2, r5
            JMPEQ done
            PUSHARG r1
            PUSHARG r2
            CALL add
            MOV r1, r0
            ADD r2, r2, r3
            JMP loop
        done:
            RET r1
        .end

        """;

    /// <summary>
    /// object(n): creates an object, then n rounds of <c>set_field(o, "count", i)</c> and
    /// <c>get_field(o, "count")</c>, returning the sum of what it read (n(n-1)/2). Calls
    /// <c>create_object</c>, <c>set_field</c> and <c>get_field</c>.
    /// </summary>
    public const string FieldLoop = """
        .function object(n)
            MOV r5, r0
            CALL create_object
            MOV r6, r0
            LDI r1, 0
            LDI r2, 0
            LDI r3, 1
            LDI r4, "count"
        loop:
            CMP r2, r5
            JMPEQ done
            PUSHARG r6
            PUSHARG r4
            PUSHARG r2
            CALL set_field
            PUSHARG r6
            PUSHARG r4
            CALL get_field
            ADD r1, r1, r0
            ADD r2, r2, r3
            JMP loop
        done:
            RET r1
        .end
        """;

    /// <summary>
    /// closure(n): makes a counter from 0 (<see cref="Counter"/>, which it needs) and calls it n
    /// times through <c>call_closure</c>; returns the last count, n.
    /// </summary>
    public const string CounterLoop = """
        .function closure(n)
            MOV r5, r0
            LDI r1, 0
            PUSHARG r1
            CALL make_counter
            MOV r6, r0
            LDI r2, 0
            LDI r3, 1
        loop:
            CMP r2, r5
            JMPEQ done
            PUSHARG r6
            CALL call_closure
            ADD r2, r2, r3
            JMP loop
        done:
            RET r0
        .end
        """;

    /// <summary>
    /// make_counter(count): a closure over increment capturing count; each call of it through
    /// <c>call_closure</c> adds 1 to the upvalue and returns it. Calls <c>create_closure</c>,
    /// <c>get_upvalue</c> and <c>set_upvalue</c>.
    /// </summary>
    public const string Counter = """
        .function make_counter(count)
            LDI r1, "increment"
            LDI r2, "count"
            PUSHARG r1
            PUSHARG r2
            CALL create_closure
            RET r0
        .end
        .function increment()
            LDI r1, "count"
            PUSHARG r1
            CALL get_upvalue
            LDI r2, 1
            ADD r2, r0, r2
            PUSHARG r1
            PUSHARG r2
            CALL set_upvalue
            RET r2
        .end
        """;
}

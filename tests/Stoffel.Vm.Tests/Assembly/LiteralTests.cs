using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Assembly;

[TestClass]
public sealed class LiteralTests
{
    [TestMethod]
    [DataRow("42", ValueKind.I64, 42L)]
    [DataRow("-7", ValueKind.I64, -7L)]
    [DataRow("0", ValueKind.I64, 0L)]
    [DataRow("9223372036854775807", ValueKind.I64, long.MaxValue)]
    [DataRow("-9223372036854775808", ValueKind.I64, long.MinValue)]
    [DataRow("9223372036854775807i64", ValueKind.I64, long.MaxValue)]
    [DataRow("42i32", ValueKind.I32, 42L)]
    [DataRow("2147483647i32", ValueKind.I32, 2147483647L)]
    [DataRow("-2147483648i32", ValueKind.I32, -2147483648L)]
    [DataRow("32767i16", ValueKind.I16, 32767L)]
    [DataRow("-32768i16", ValueKind.I16, -32768L)]
    [DataRow("127i8", ValueKind.I8, 127L)]
    [DataRow("-128i8", ValueKind.I8, -128L)]
    [DataRow("7u8", ValueKind.U8, 7L)]
    [DataRow("255u8", ValueKind.U8, 255L)]
    [DataRow("0u8", ValueKind.U8, 0L)]
    [DataRow("65535u16", ValueKind.U16, 65535L)]
    [DataRow("4294967295u32", ValueKind.U32, 4294967295L)]
    [DataRow("18446744073709551615u64", ValueKind.U64, -1L)]
    [DataRow("1u64", ValueKind.U64, 1L)]
    [DataRow("true", ValueKind.Bool, 1L)]
    [DataRow("false", ValueKind.Bool, 0L)]
    [DataRow("unit", ValueKind.Unit, 0L)]
    public void Integer_bool_and_unit_literals_parse_to_their_kind_and_bits(string text, ValueKind kind, long bits)
    {
        Assert.IsTrue(LiteralParser.TryParseLiteral(text, out var value, out var error), error);
        Assert.AreEqual(kind, value.Kind);
        Assert.AreEqual(bits, value.Bits);
        Assert.IsNull(error);
    }

    [TestMethod]
    [DataRow("3.5", 3.5)]
    [DataRow("7.0", 7.0)]
    [DataRow("1e-3", 0.001)]
    [DataRow("2.5E+2", 250.0)]
    [DataRow("-1.25", -1.25)]
    [DataRow("3.5f64", 3.5)]
    [DataRow("7f64", 7.0)]
    [DataRow("0.1", 0.1)]
    [DataRow("inf", double.PositiveInfinity)]
    [DataRow("-inf", double.NegativeInfinity)]
    [DataRow("1.7976931348623157e308", double.MaxValue)]
    [DataRow("5e-324", double.Epsilon)]
    public void Float_literals_parse_to_the_nearest_double(string text, double expected)
    {
        Assert.IsTrue(LiteralParser.TryParseLiteral(text, out var value, out var error), error);
        Assert.AreEqual(ValueKind.Float, value.Kind);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), value.Bits);
    }

    [TestMethod]
    [DataRow("-0.0", unchecked((long)0x8000000000000000))]
    [DataRow("nan", 0x7FF8000000000000)]
    [DataRow("-nan", unchecked((long)0xFFF8000000000000))]
    [DataRow("nan_0x7ff8000000000001", 0x7FF8000000000001)]
    [DataRow("nan_0xFFF0000000000001", unchecked((long)0xFFF0000000000001))]
    public void Float_literals_with_special_bit_patterns_keep_their_bits(string text, long bits)
    {
        Assert.IsTrue(LiteralParser.TryParseLiteral(text, out var value, out var error), error);
        Assert.AreEqual(ValueKind.Float, value.Kind);
        Assert.AreEqual(bits, value.Bits);
    }

    [TestMethod]
    [DataRow("256u8", "256u8 is out of range for u8")]
    [DataRow("300u8", "300u8 is out of range for u8")]
    [DataRow("-1u8", "-1u8 is out of range for u8")]
    [DataRow("128i8", "128i8 is out of range for i8")]
    [DataRow("-129i8", "-129i8 is out of range for i8")]
    [DataRow("32768i16", "32768i16 is out of range for i16")]
    [DataRow("-32769i16", "-32769i16 is out of range for i16")]
    [DataRow("65536u16", "65536u16 is out of range for u16")]
    [DataRow("2147483648i32", "2147483648i32 is out of range for i32")]
    [DataRow("4294967296u32", "4294967296u32 is out of range for u32")]
    [DataRow("9223372036854775808", "9223372036854775808 is out of range for i64")]
    [DataRow("-9223372036854775809i64", "-9223372036854775809i64 is out of range for i64")]
    [DataRow("18446744073709551616u64", "18446744073709551616u64 is out of range for u64")]
    [DataRow("-1u64", "-1u64 is out of range for u64")]
    [DataRow("1e999", "1e999 is out of range for f64")]
    [DataRow("3.5u8", "3.5u8: a fractional number cannot take the suffix u8")]
    [DataRow("nan_0x0", "nan_0x0 does not give the bits of a NaN")]
    [DataRow("nan_0x7ff80000000000001", "nan_0x7ff80000000000001 does not give the bits of a NaN")]
    [DataRow("x", "expected a literal (integer, float, true, false, unit or \"string\"), found 'x'")]
    [DataRow("", "expected a literal (integer, float, true, false, unit or \"string\"), found ''")]
    [DataRow("1.", "expected a literal (integer, float, true, false, unit or \"string\"), found '1.'")]
    [DataRow(".5", "expected a literal (integer, float, true, false, unit or \"string\"), found '.5'")]
    [DataRow("1e", "expected a literal (integer, float, true, false, unit or \"string\"), found '1e'")]
    [DataRow("0x10", "expected a literal (integer, float, true, false, unit or \"string\"), found '0x10'")]
    [DataRow("12u7", "expected a literal (integer, float, true, false, unit or \"string\"), found '12u7'")]
    [DataRow("True", "expected a literal (integer, float, true, false, unit or \"string\"), found 'True'")]
    public void Invalid_literals_are_rejected_with_a_message(string text, string expected)
    {
        Assert.IsFalse(LiteralParser.TryParseLiteral(text, out var value, out var error));
        Assert.AreEqual(expected, error);
        Assert.AreEqual(ValueKind.Unit, value.Kind);
    }

    [TestMethod]
    [DataRow("\"text\"", "text")]
    [DataRow("\"\"", "")]
    [DataRow("\"a\\nb\"", "a\nb")]
    [DataRow("\"\\t\\r\\0\"", "\t\r\0")]
    [DataRow("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [DataRow("\"back\\\\slash\"", "back\\slash")]
    [DataRow("\"\\u{e9}\\u{1F600}\"", "é😀")]
    [DataRow("\"\\u{0}\\u{10FFFF}\"", "\0\U0010FFFF")]
    [DataRow("\"日本 ; # , :\"", "日本 ; # , :")]
    public void String_literals_decode_their_escapes(string text, string expected)
    {
        Assert.IsTrue(LiteralParser.TryParseLiteral(text, out var value, out var error), error);
        Assert.AreEqual(ValueKind.String, value.Kind);
        Assert.AreEqual(expected, value.AsString);
    }

    [TestMethod]
    [DataRow("\"abc", "unterminated string")]
    [DataRow("\"abc\\\"", "unterminated string")]
    [DataRow("\"", "unterminated string")]
    [DataRow("\"a\"b\"", "a '\"' inside a string must be written \\\"")]
    [DataRow("\"\\q\"", "unknown escape '\\q'")]
    [DataRow("\"\\u{110000}\"", "expected \\u{…} with 1 to 6 hex digits naming a Unicode scalar value")]
    [DataRow("\"\\u{D800}\"", "expected \\u{…} with 1 to 6 hex digits naming a Unicode scalar value")]
    [DataRow("\"\\u{}\"", "expected \\u{…} with 1 to 6 hex digits naming a Unicode scalar value")]
    [DataRow("\"\\u41\"", "expected \\u{…} with 1 to 6 hex digits naming a Unicode scalar value")]
    [DataRow("\"\\u{0000041}\"", "expected \\u{…} with 1 to 6 hex digits naming a Unicode scalar value")]
    public void Malformed_strings_are_rejected(string text, string expected)
    {
        Assert.IsFalse(LiteralParser.TryParseLiteral(text, out _, out var error));
        Assert.AreEqual(expected, error);
    }

    [TestMethod]
    public void Formatter_writes_each_kind_in_the_form_the_parser_reads()
    {
        Assert.AreEqual("-7", LiteralFormatter.Format(Value.FromI64(-7)));
        Assert.AreEqual("5u8", LiteralFormatter.Format(Value.FromU8(5)));
        Assert.AreEqual("-128i8", LiteralFormatter.Format(Value.FromI8(-128)));
        Assert.AreEqual("-5i16", LiteralFormatter.Format(Value.FromI16(-5)));
        Assert.AreEqual("42i32", LiteralFormatter.Format(Value.FromI32(42)));
        Assert.AreEqual("65535u16", LiteralFormatter.Format(Value.FromU16(65535)));
        Assert.AreEqual("4294967295u32", LiteralFormatter.Format(Value.FromU32(uint.MaxValue)));
        Assert.AreEqual("18446744073709551615u64", LiteralFormatter.Format(Value.FromU64(ulong.MaxValue)));
        Assert.AreEqual("2.0", LiteralFormatter.Format(Value.FromFloat(2)));
        Assert.AreEqual("1.5", LiteralFormatter.Format(Value.FromFloat(1.5)));
        Assert.AreEqual("-0.0", LiteralFormatter.Format(Value.FromFloat(-0.0)));
        Assert.AreEqual("0.0000001", LiteralFormatter.Format(Value.FromFloat(1e-7)));
        Assert.AreEqual("123456789012345680000.0", LiteralFormatter.Format(Value.FromFloat(1.2345678901234568e20)));
        Assert.AreEqual("1e300", LiteralFormatter.Format(Value.FromFloat(1e300)));
        Assert.AreEqual("-1.7976931348623157e308", LiteralFormatter.Format(Value.FromFloat(-double.MaxValue)));
        Assert.AreEqual("5e-324", LiteralFormatter.Format(Value.FromFloat(double.Epsilon)));
        Assert.AreEqual("1.5e-30", LiteralFormatter.Format(Value.FromFloat(1.5e-30)));
        Assert.AreEqual("inf", LiteralFormatter.Format(Value.FromFloat(double.PositiveInfinity)));
        Assert.AreEqual("-inf", LiteralFormatter.Format(Value.FromFloat(double.NegativeInfinity)));
        Assert.AreEqual("-nan", LiteralFormatter.Format(Value.FromFloat(double.NaN)));
        Assert.AreEqual("nan", LiteralFormatter.Format(Value.FromIntegerBits(ValueKind.Float, 0x7FF8000000000000)));
        Assert.AreEqual("nan_0x7ff0000000000001", LiteralFormatter.Format(Value.FromIntegerBits(ValueKind.Float, 0x7FF0000000000001)));
        Assert.AreEqual("true", LiteralFormatter.Format(Value.True));
        Assert.AreEqual("false", LiteralFormatter.Format(Value.False));
        Assert.AreEqual("unit", LiteralFormatter.Format(Value.Unit));
        Assert.AreEqual("\"a\\\\b\\\"c\\n\\t\\r\\0\\u{7}\\u{2028}é😀\"", LiteralFormatter.Format(Value.FromString("a\\b\"c\n\t\r\0\a\u2028é😀")));
    }

    [TestMethod]
    public void Formatter_rejects_values_without_a_literal_form()
    {
        var closure = Value.FromClosure(new Closure("f", []));
        Assert.ThrowsExactly<ArgumentException>(() => LiteralFormatter.Format(closure));
    }

    [TestMethod]
    public void Every_constant_kind_survives_format_then_parse_bit_for_bit()
    {
        Value[] values =
        [
            Value.Unit, Value.True, Value.False,
            Value.FromI64(long.MinValue), Value.FromI64(long.MaxValue), Value.FromI32(int.MinValue),
            Value.FromI16(short.MaxValue), Value.FromI8(sbyte.MinValue), Value.FromU8(byte.MaxValue),
            Value.FromU16(0), Value.FromU32(uint.MaxValue), Value.FromU64(ulong.MaxValue),
            Value.FromFloat(0.1), Value.FromFloat(-0.0), Value.FromFloat(1e300), Value.FromFloat(double.Epsilon),
            Value.FromFloat(double.MaxValue), Value.FromFloat(-123.456e-10), Value.FromFloat(double.NaN),
            Value.FromIntegerBits(ValueKind.Float, 0x7FF8000000000000), Value.FromIntegerBits(ValueKind.Float, unchecked((long)0xFFF4000000000abc)),
            Value.FromString(""), Value.FromString("tab\there \"q\" \\ \u0001 \u007f \u0085 日本 😀"),
        ];
        foreach (var value in values)
        {
            var text = LiteralFormatter.Format(value);
            Assert.IsTrue(LiteralParser.TryParseLiteral(text, out var parsed, out var error), $"{text}: {error}");
            Assert.AreEqual(value.Kind, parsed.Kind, text);
            Assert.AreEqual(value.Bits, parsed.Bits, text);
            Assert.AreEqual(value, parsed, text);
        }
    }
}

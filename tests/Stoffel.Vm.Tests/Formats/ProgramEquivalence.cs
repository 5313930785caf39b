using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>Asserts that two programs hold the same code and data, field by field.</summary>
internal static class ProgramEquivalence
{
    private static readonly PreprocessingDemand NoDemand = new(0, 0, 0, 0, false);

    /// <summary>
    /// Compares constants, callee names, MPC features, manifest and every function (name,
    /// declared and normalised register count, parameters, signature, upvalues, parent, labels,
    /// instructions). A missing signature equals all-<c>unknown</c> types and a missing demand
    /// equals zero demand, and a missing manifest equals <see cref="ProgramManifest.Clear"/> when
    /// the other program has one: that is how the v9 writer encodes them.
    /// </summary>
    public static void AssertEquivalent(StoffelProgram expected, StoffelProgram actual)
    {
        CollectionAssert.AreEqual(expected.Constants.ToList(), actual.Constants.ToList(), "constants");
        CollectionAssert.AreEqual(expected.CalleeNames.ToList(), actual.CalleeNames.ToList(), "callee names");
        CollectionAssert.AreEqual(expected.MpcFeatures.ToList(), actual.MpcFeatures.ToList(), "MPC features");
        AssertManifest(expected.Manifest ?? (actual.Manifest is null ? null : ProgramManifest.Clear), actual.Manifest);
        Assert.HasCount(expected.Functions.Count, actual.Functions);
        for (var i = 0; i < expected.Functions.Count; i++)
        {
            AssertFunction(expected.Functions[i], actual.Functions[i]);
        }
    }

    /// <summary>A canonical text of a signature that shows every field of every nested type.</summary>
    public static string Describe(FunctionSignature signature) =>
        $"({string.Join(", ", signature.Parameters.Select(Describe))}) -> {Describe(signature.Return)}";

    /// <summary>A canonical text of a type that shows every field, recursively.</summary>
    public static string Describe(FunctionType type) =>
        $"{type.Tag}[signed={type.Signed},bits={type.Bits},name={type.Name ?? "-"}]"
        + $"<{string.Join(", ", (type.Children ?? []).Select(Describe))}>";

    private static void AssertFunction(CompiledFunction expected, CompiledFunction actual)
    {
        var name = expected.Name;
        Assert.AreEqual(name, actual.Name);
        Assert.AreEqual(expected.DeclaredRegisterCount, actual.DeclaredRegisterCount, $"{name}: declared registers");
        Assert.AreEqual(expected.RegisterCount, actual.RegisterCount, $"{name}: registers");
        Assert.AreEqual(expected.SpillSlotCount, actual.SpillSlotCount, $"{name}: spill slots");
        CollectionAssert.AreEqual(expected.Parameters.ToList(), actual.Parameters.ToList(), $"{name}: parameters");
        Assert.AreEqual(Describe(EffectiveSignature(expected)), Describe(EffectiveSignature(actual)), $"{name}: signature");
        CollectionAssert.AreEqual(expected.Upvalues.ToList(), actual.Upvalues.ToList(), $"{name}: upvalues");
        Assert.AreEqual(expected.Parent, actual.Parent, $"{name}: parent");
        CollectionAssert.AreEqual(expected.Labels.ToList(), actual.Labels.ToList(), $"{name}: labels");
        CollectionAssert.AreEqual(expected.Instructions, actual.Instructions, $"{name}: instructions");
    }

    private static FunctionSignature EffectiveSignature(CompiledFunction function) =>
        function.Signature ?? new FunctionSignature(function.Parameters.Select(_ => FunctionType.Unknown).ToList(), FunctionType.Unknown);

    private static void AssertManifest(ProgramManifest? expected, ProgramManifest? actual)
    {
        if (expected is null)
        {
            Assert.IsNull(actual, "manifest");
            return;
        }
        Assert.IsNotNull(actual, "manifest");
        Assert.AreEqual(expected.Backend, actual.Backend, "backend");
        Assert.AreEqual(expected.Curve, actual.Curve, "curve");
        Assert.HasCount(expected.Clients.Count, actual.Clients);
        for (var i = 0; i < expected.Clients.Count; i++)
        {
            Assert.AreEqual(expected.Clients[i].Slot, actual.Clients[i].Slot, $"client {i} slot");
            CollectionAssert.AreEqual(expected.Clients[i].Inputs.ToList(), actual.Clients[i].Inputs.ToList(), $"client {i} inputs");
            CollectionAssert.AreEqual(expected.Clients[i].Outputs.ToList(), actual.Clients[i].Outputs.ToList(), $"client {i} outputs");
        }
        Assert.AreEqual(expected.Demand ?? NoDemand, actual.Demand ?? NoDemand, "demand");
    }
}

using System.Reflection;
using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// What hooks and debuggers are handed is read-only: from <see cref="HookContext"/> and
/// <see cref="VmInspector"/>, every public type of the VM's state reachable through public members
/// has no public setter, no public mutating method and no mutable collection — so a write can only
/// go through the VM's event-firing methods. Loaded programs (<c>Stoffel.Vm.Programs</c>,
/// <c>Stoffel.Vm.Instructions</c>) are not VM state: they are immutable by contract and shared by
/// every VM that loads them, and are left out of the walk.
/// </summary>
[TestClass]
public sealed class ReadOnlySurfaceTests
{
    private static readonly Type[] MutableCollections =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(ICollection<>), typeof(IList<>), typeof(IDictionary<,>), typeof(ISet<>),
    ];

    private static readonly string[] MutatorPrefixes = ["Set", "Add", "Remove", "Clear", "Insert", "Write", "Append", "Truncate", "Push", "Register", "Create"];

    [TestMethod]
    public void The_raw_state_is_not_public()
    {
        Assert.IsFalse(typeof(VirtualMachine).Assembly.GetType("Stoffel.Vm.Runtime.VMState")!.IsPublic);
    }

    [TestMethod]
    public void Nothing_reachable_from_the_hook_context_or_the_inspector_can_change_the_VM()
    {
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(HookContext), typeof(VmInspector)]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (property.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                {
                    problems.Add($"{type.Name}.{property.Name} has a public setter");
                }
                Check(type, property.Name, property.PropertyType);
            }
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName))
            {
                if (MutatorPrefixes.Any(method.Name.StartsWith) && method.ReturnType == typeof(void))
                {
                    problems.Add($"{type.Name}.{method.Name} looks like a mutator");
                }
                Check(type, method.Name, method.ReturnType);
            }
        }
        Assert.IsEmpty(problems, string.Join("\n", problems));
        CollectionAssert.IsSubsetOf(new[] { typeof(StoffelArray), typeof(StoffelObject), typeof(ValueList), typeof(FieldMap), typeof(Closure) }, seen.ToArray(),
            "the walk reaches the tables");

        void Check(Type owner, string member, Type type)
        {
            if (type.IsArray || (type.IsGenericType && MutableCollections.Contains(type.GetGenericTypeDefinition())))
            {
                problems.Add($"{owner.Name}.{member} hands out a mutable {type.Name}");
            }
            foreach (var reached in Reached(type).Where(t => t.Assembly == typeof(VirtualMachine).Assembly && t.IsPublic && !IsProgramDefinition(t)))
            {
                pending.Enqueue(reached);
            }
        }
    }

    private static bool IsProgramDefinition(Type type) => type.Namespace is "Stoffel.Vm.Programs" or "Stoffel.Vm.Instructions";

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    // The type and its generic arguments (IReadOnlyList<FrameInfo> reaches FrameInfo).
    private static IEnumerable<Type> Reached(Type type)
    {
        var element = Nullable.GetUnderlyingType(type) ?? type;
        yield return element;
        if (element.IsGenericType)
        {
            foreach (var argument in element.GetGenericArguments().SelectMany(Reached))
            {
                yield return argument;
            }
        }
    }
}

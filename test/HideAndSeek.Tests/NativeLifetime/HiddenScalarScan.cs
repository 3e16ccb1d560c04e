using HideAndSeek.Tests.TestSupport;
using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;

namespace HideAndSeek.Tests.NativeLifetime;

/// <summary>
/// Finds, in compiled code, every place that hands libtorch a <see cref="Scalar"/> nothing keeps alive. A Scalar is a
/// native pointer with a finalizer: once its handle has been read for a native call, a temporary Scalar is unreachable
/// and the garbage collector may free it while libtorch still reads it. Three shapes are rejected: an implicit
/// conversion to Scalar (<c>t.mul(0.5)</c>), an explicit <c>ToScalar()</c> whose result is not stored in a variable or
/// field, and a call to a TorchSharp method that makes such a temporary itself (<c>add(Tensor)</c> passes a hidden
/// alpha of 1; <c>optim.SGD.step</c> builds one per parameter). The last set is worked out from TorchSharp's own IL,
/// so a new TorchSharp version is re-examined rather than trusted.
/// </summary>
internal sealed class HiddenScalarScan
{
    private static readonly Lazy<HiddenScalarScan> TorchSharpScan = new(() => new HiddenScalarScan(typeof(torch).Assembly));

    // Methods by (module, metadata token): a MethodInfo reached through a derived type, or an instantiation of a
    // generic type, compares unequal to the same method reached another way.
    private readonly HashSet<(Module, int)> _hidden = new();
    private readonly List<MethodBase> _hiddenMethods = new();

    /// <summary>The scan of the TorchSharp assembly this process runs with.</summary>
    public static HiddenScalarScan ForTorchSharp => TorchSharpScan.Value;

    /// <summary>TorchSharp's members that create a Scalar temporary and pass it on (public ones first).</summary>
    public IReadOnlyCollection<MethodBase> HiddenScalarMethods => _hiddenMethods;

    private HiddenScalarScan(Assembly torchSharp)
    {
        var callers = new Dictionary<(Module, int), List<MethodBase>>();
        var pending = new Queue<MethodBase>();
        foreach (var method in MethodsOf(torchSharp))
        {
            if (IsScalarFactory(method))
                continue;
            bool creates = false, disposes = false;
            foreach (var callee in Callees(method))
            {
                creates |= IsScalarFactory(callee);
                disposes |= callee.DeclaringType == typeof(Scalar) && callee.Name == nameof(Scalar.Dispose);
                if (!callers.TryGetValue(Key(callee), out var list))
                    callers[Key(callee)] = list = new List<MethodBase>();
                list.Add(method);
            }
            // A method that disposes what it creates keeps it alive until then (a using block).
            if (creates && !disposes && AddHidden(method))
                pending.Enqueue(method);
        }
        while (pending.Count > 0)
        {
            var method = pending.Dequeue();
            if (!callers.TryGetValue(Key(method), out var list))
                continue;
            foreach (var caller in list)
            {
                if (AddHidden(caller))
                    pending.Enqueue(caller);
            }
        }
    }

    /// <summary>
    /// Every place in <paramref name="assemblies"/> that passes a Scalar nothing keeps alive, as
    /// "Type.Method: what" lines, sorted.
    /// </summary>
    public IReadOnlyList<string> Violations(IEnumerable<Assembly> assemblies, Func<Type, bool>? include = null)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            foreach (var method in MethodsOf(assembly))
            {
                if (include is not null && !include(method.DeclaringType!))
                    continue;
                var instructions = IlInstructions.Of(method).ToList();
                for (int i = 0; i < instructions.Count; i++)
                {
                    if (instructions[i].Member is not MethodBase callee || !IsCall(instructions[i].OpCode))
                        continue;
                    string? problem = Problem(callee, i + 1 < instructions.Count ? instructions[i + 1].OpCode : OpCodes.Nop);
                    if (problem is not null)
                        found.Add($"{Describe(method)}: {problem}");
                }
            }
        }
        return found.ToList();
    }

    private string? Problem(MethodBase callee, OpCode next)
    {
        if (callee.DeclaringType == typeof(Scalar) && callee.Name == "op_Implicit")
            return $"implicit conversion {Parameter(callee)} -> Scalar (make it explicit with ToScalar() in a using variable)";
        if (IsToScalar(callee) && !IsStore(next))
            return $"{Parameter(callee)}.ToScalar() passed on without a variable that keeps it alive";
        if (_hidden.Contains(Key(callee)))
            return $"{Describe(callee)} creates a Scalar temporary inside TorchSharp (pass an explicit Scalar)";
        // A virtual call names the base method (Module.forward), not the override that runs: reject making an object
        // whose overrides create Scalar temporaries instead.
        var made = callee is ConstructorInfo ? callee.DeclaringType : (callee as MethodInfo)?.ReturnType;
        if (made is not null && made.Assembly == typeof(Scalar).Assembly && HiddenOverride(made) is { } o)
            return $"makes a {made.Name}, whose {o.Name} creates a Scalar temporary inside TorchSharp";
        return null;
    }

    private MethodInfo? HiddenOverride(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .FirstOrDefault(m => m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType && _hidden.Contains(Key(m)));

    private bool AddHidden(MethodBase method)
    {
        if (!_hidden.Add(Key(method)))
            return false;
        _hiddenMethods.Add(method);
        return true;
    }

    private static (Module, int) Key(MethodBase m) => (m.Module, m.MetadataToken);

    private static IEnumerable<MethodBase> MethodsOf(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.OfType<Type>().ToArray();
        }
        return types.SelectMany(IlInstructions.DeclaredMethods);
    }

    private static IEnumerable<MethodBase> Callees(MethodBase method) =>
        IlInstructions.Of(method).Where(i => IsCall(i.OpCode)).Select(i => i.Member).OfType<MethodBase>();

    // ldftn / ldvirtftn: a delegate made here runs that code (optim.SGD.step hands its update to a lambda).
    private static bool IsCall(OpCode op) =>
        op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj || op == OpCodes.Ldftn || op == OpCodes.Ldvirtftn;

    private static bool IsScalarFactory(MethodBase m) =>
        (m.DeclaringType == typeof(Scalar) && m.Name == "op_Implicit") || IsToScalar(m);

    private static bool IsToScalar(MethodBase m) =>
        m.DeclaringType == typeof(ScalarExtensionMethods) && m.Name == nameof(ScalarExtensionMethods.ToScalar);

    private static bool IsStore(OpCode op) =>
        op == OpCodes.Stloc || op == OpCodes.Stloc_S || op == OpCodes.Stloc_0 || op == OpCodes.Stloc_1 ||
        op == OpCodes.Stloc_2 || op == OpCodes.Stloc_3 || op == OpCodes.Stfld || op == OpCodes.Stsfld;

    private static string Parameter(MethodBase m) => m.GetParameters().FirstOrDefault()?.ParameterType.Name ?? "?";

    private static string Describe(MethodBase m)
    {
        var type = m.DeclaringType!;
        while (type.DeclaringType is not null && type.Name.Contains('<'))
            type = type.DeclaringType; // a lambda or local function: name the type it was written in
        var parameters = string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name));
        return $"{type.FullName}.{m.Name}({parameters})";
    }
}

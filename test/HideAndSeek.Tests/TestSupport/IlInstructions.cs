using System.Reflection;
using System.Reflection.Emit;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>One decoded instruction of a method body: its opcode and the member or type it names, if any.</summary>
internal readonly record struct IlInstruction(OpCode OpCode, MemberInfo? Member);

/// <summary>
/// Decodes the instructions of a compiled method body by reflection (enough for tests over compiled code: which
/// types, methods and fields a body names, and in which order).
/// </summary>
internal static class IlInstructions
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every member a type itself declares, static or not, whatever its visibility.</summary>
    public const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static |
        BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The methods and constructors <paramref name="type"/> declares (the bodies a scan reads).</summary>
    public static IEnumerable<MethodBase> DeclaredMethods(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));

    /// <summary>The instructions of <paramref name="method"/>'s body; none for a method without one.</summary>
    public static IEnumerable<IlInstruction> Of(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            MemberInfo? member = null;
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    member = Resolve(method.Module, BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                    i += 4;
                    break;
                default: // InlineBrTarget, InlineI, ShortInlineR, InlineSig, InlineString
                    i += 4;
                    break;
            }
            yield return new IlInstruction(op, member);
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (Exception e) when (e is ArgumentException or TypeLoadException or FileNotFoundException or BadImageFormatException)
        {
            return null; // a member of an assembly this process cannot load (e.g. an optional platform dependency)
        }
    }
}

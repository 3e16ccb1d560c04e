using HideAndSeek.Tests.TestSupport;
using System.Reflection;

namespace HideAndSeek.Tests.Architecture;

/// <summary>
/// The types one type refers to, by reflection: its signatures (base type, interfaces, fields, properties, method
/// parameters and results, attributes) and every type, method or field named by an instruction of its method bodies.
/// Nested and compiler-generated types (lambdas, iterators) count for the namespace of the type they sit in.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = IlInstructions.Declared;

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new List<Type>();
        Add(found, type.BaseType);
        foreach (var face in type.GetInterfaces())
            Add(found, face);
        foreach (var attribute in type.GetCustomAttributesData())
            Add(found, attribute.AttributeType);
        foreach (var field in type.GetFields(Declared))
            Add(found, field.FieldType);
        foreach (var property in type.GetProperties(Declared))
            Add(found, property.PropertyType);
        foreach (var method in IlInstructions.DeclaredMethods(type))
        {
            if (method is MethodInfo info)
                Add(found, info.ReturnType);
            foreach (var parameter in method.GetParameters())
                Add(found, parameter.ParameterType);
            foreach (var attribute in method.GetCustomAttributesData())
                Add(found, attribute.AttributeType);
            var body = method.GetMethodBody();
            if (body is null)
                continue;
            foreach (var local in body.LocalVariables)
                Add(found, local.LocalType);
            foreach (var member in IlInstructions.Of(method).Select(i => i.Member).OfType<MemberInfo>())
            {
                switch (member)
                {
                    case Type t:
                        Add(found, t);
                        break;
                    case MethodBase m:
                        Add(found, m.DeclaringType);
                        if (m.IsGenericMethod)
                        {
                            foreach (var argument in m.GetGenericArguments())
                                Add(found, argument);
                        }
                        break;
                    case FieldInfo f:
                        Add(found, f.DeclaringType);
                        Add(found, f.FieldType);
                        break;
                }
            }
        }
        return found;
    }

    /// <summary>Adds a type with its element and generic argument types.</summary>
    private static void Add(List<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter)
            return;
        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }
        found.Add(type.IsGenericType ? type.GetGenericTypeDefinition() : type);
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
                Add(found, argument);
        }
    }
}

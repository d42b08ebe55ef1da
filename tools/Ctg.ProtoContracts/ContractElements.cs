using Google.Protobuf.Reflection;

namespace Ctg.ProtoContracts;

/// <summary>Walks a file descriptor and yields every element partners read: services, RPCs, messages, fields, enums, values.</summary>
public static class ContractElements
{
    // Field numbers in descriptor.proto, which source-info paths are made of.
    private const int FileMessageType = 4, FileEnumType = 5, FileService = 6;
    private const int MessageField = 2, MessageNested = 3, MessageEnum = 4;
    private const int EnumValue = 2, ServiceMethod = 2;

    public static IEnumerable<ContractElement> Of(FileDescriptorProto file)
    {
        var prefix = file.Package.Length == 0 ? "" : file.Package + ".";
        for (var i = 0; i < file.Service.Count; i++)
        {
            var service = file.Service[i];
            int[] path = [FileService, i];
            yield return new(file.Name, ElementKind.Service, prefix + service.Name, path);
            for (var j = 0; j < service.Method.Count; j++)
                yield return new(file.Name, ElementKind.Method, $"{prefix}{service.Name}.{service.Method[j].Name}", [.. path, ServiceMethod, j]);
        }
        for (var i = 0; i < file.MessageType.Count; i++)
            foreach (var element in OfMessage(file.Name, file.MessageType[i], prefix, [FileMessageType, i]))
                yield return element;
        for (var i = 0; i < file.EnumType.Count; i++)
            foreach (var element in OfEnum(file.Name, file.EnumType[i], prefix, [FileEnumType, i]))
                yield return element;
    }

    private static IEnumerable<ContractElement> OfMessage(string file, DescriptorProto message, string prefix, int[] path)
    {
        // Map entries are synthesized by protoc: they have no source of their own to comment.
        if (message.Options?.MapEntry == true)
            yield break;
        var name = prefix + message.Name;
        yield return new(file, ElementKind.Message, name, path);
        for (var j = 0; j < message.Field.Count; j++)
            yield return new(file, ElementKind.Field, $"{name}.{message.Field[j].Name}", [.. path, MessageField, j]);
        for (var j = 0; j < message.NestedType.Count; j++)
            foreach (var element in OfMessage(file, message.NestedType[j], name + ".", [.. path, MessageNested, j]))
                yield return element;
        for (var j = 0; j < message.EnumType.Count; j++)
            foreach (var element in OfEnum(file, message.EnumType[j], name + ".", [.. path, MessageEnum, j]))
                yield return element;
    }

    private static IEnumerable<ContractElement> OfEnum(string file, EnumDescriptorProto enumType, string prefix, int[] path)
    {
        var name = prefix + enumType.Name;
        yield return new(file, ElementKind.Enum, name, path);
        for (var j = 0; j < enumType.Value.Count; j++)
            // Enum values live in their parent's scope, as in C++ and protoc's own naming.
            yield return new(file, ElementKind.EnumValue, prefix + enumType.Value[j].Name, [.. path, EnumValue, j]);
    }
}

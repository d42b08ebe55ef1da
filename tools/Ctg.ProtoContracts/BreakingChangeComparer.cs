using Google.Protobuf.Reflection;

namespace Ctg.ProtoContracts;

/// <summary>
/// Compares the platform files of a released descriptor set with today's and lists what breaks a
/// partner built against the release, on the wire (binary or JSON) or in the code generated from it.
/// Everything added (files, messages, fields, values, RPCs) is allowed.
/// </summary>
public static class BreakingChangeComparer
{
    public static IReadOnlyList<BreakingChange> Compare(FileDescriptorSet released, FileDescriptorSet today)
    {
        var changes = new List<BreakingChange>();
        var releasedFiles = DescriptorSets.PlatformFiles(released);
        var todayFiles = DescriptorSets.PlatformFiles(today);

        foreach (var file in releasedFiles)
        {
            var now = todayFiles.FirstOrDefault(f => f.Name == file.Name);
            if (now is not null && now.Package != file.Package)
                changes.Add(new(BreakingKind.PackageRenamed, file.Name, $"package {file.Package} is now {now.Package}"));
        }

        // Elements are matched by full name across all files, so moving a message to another file of the
        // same package breaks nothing on the wire.
        var messages = Index(todayFiles.SelectMany(f => Messages(f.Package, f.MessageType)));
        var enums = Index(todayFiles.SelectMany(f => Enums(f.Package, f.EnumType, f.MessageType)));
        var services = Index(todayFiles.SelectMany(f => f.Service.Select(s => (Qualify(f.Package, s.Name), s))));

        foreach (var (name, message) in releasedFiles.SelectMany(f => Messages(f.Package, f.MessageType)))
        {
            if (messages.TryGetValue(name, out var now))
                CompareFields(name, message, now, changes);
            else
                changes.Add(new(BreakingKind.MessageRemoved, name, "message removed"));
        }
        foreach (var (name, enumType) in releasedFiles.SelectMany(f => Enums(f.Package, f.EnumType, f.MessageType)))
        {
            if (enums.TryGetValue(name, out var now))
                CompareValues(name, enumType, now, changes);
            else
                changes.Add(new(BreakingKind.EnumRemoved, name, "enum removed"));
        }
        foreach (var (name, service) in releasedFiles.SelectMany(f => f.Service.Select(s => (Qualify(f.Package, s.Name), s))))
        {
            if (services.TryGetValue(name, out var now))
                CompareMethods(name, service, now, changes);
            else
                changes.Add(new(BreakingKind.ServiceRemoved, name, "service removed"));
        }
        return changes;
    }

    private static void CompareFields(string message, DescriptorProto released, DescriptorProto today, List<BreakingChange> changes)
    {
        foreach (var field in released.Field)
        {
            var element = $"{message}.{field.Name}";
            var now = today.Field.FirstOrDefault(f => f.Number == field.Number);
            if (now is null)
            {
                var moved = today.Field.FirstOrDefault(f => f.Name == field.Name);
                if (moved is not null)
                    changes.Add(new(BreakingKind.FieldRenumbered, element, $"number {field.Number} is now {moved.Number}"));
                else if (!IsReserved(today, field))
                    changes.Add(new(BreakingKind.FieldRemovedWithoutReserved, element,
                        $"field {field.Number} removed; reserve both its number {field.Number} and its name \"{field.Name}\""));
                continue;
            }
            if (now.Name != field.Name)
                changes.Add(new(BreakingKind.FieldRenamed, element, $"field {field.Number} is now named {now.Name} (JSON and generated code break)"));
            if (now.Type != field.Type || now.TypeName != field.TypeName)
                changes.Add(new(BreakingKind.FieldRetyped, element, $"type {TypeOf(field)} is now {TypeOf(now)}"));
            if (LabelOf(now) != LabelOf(field) && !GainsPresence(field, now))
                changes.Add(new(BreakingKind.FieldLabelChanged, element, $"label {LabelOf(field)} is now {LabelOf(now)}"));
        }
    }

    // A proto3 singular field made `optional` keeps its bytes on the wire (binary and JSON) and only adds
    // HasX/ClearX to generated code, so a released client keeps working; the other way round drops the
    // presence it relies on. A client of the release cannot send the default value as set any more:
    // the field's comment must say what its absence means.
    private static bool GainsPresence(FieldDescriptorProto released, FieldDescriptorProto today) =>
        !released.Proto3Optional && today.Proto3Optional
        && released.Label == FieldDescriptorProto.Types.Label.Optional && today.Label == FieldDescriptorProto.Types.Label.Optional;

    private static bool IsReserved(DescriptorProto message, FieldDescriptorProto field) =>
        message.ReservedRange.Any(r => field.Number >= r.Start && field.Number < r.End)
        && message.ReservedName.Contains(field.Name);

    private static void CompareValues(string enumName, EnumDescriptorProto released, EnumDescriptorProto today, List<BreakingChange> changes)
    {
        foreach (var value in released.Value)
        {
            var element = $"{enumName}.{value.Name}";
            var now = today.Value.FirstOrDefault(v => v.Name == value.Name);
            if (now is null)
                changes.Add(new(BreakingKind.EnumValueRemoved, element, $"value {value.Number} removed"));
            else if (now.Number != value.Number)
                changes.Add(new(BreakingKind.EnumValueRenumbered, element, $"number {value.Number} is now {now.Number}"));
        }
    }

    private static void CompareMethods(string serviceName, ServiceDescriptorProto released, ServiceDescriptorProto today, List<BreakingChange> changes)
    {
        foreach (var method in released.Method)
        {
            var element = $"{serviceName}.{method.Name}";
            var now = today.Method.FirstOrDefault(m => m.Name == method.Name);
            if (now is null)
                changes.Add(new(BreakingKind.MethodRemoved, element, "RPC removed"));
            else if (Signature(now) != Signature(method))
                changes.Add(new(BreakingKind.MethodSignatureChanged, element, $"{Signature(method)} is now {Signature(now)}"));
        }
    }

    private static string Signature(MethodDescriptorProto m) =>
        $"({(m.ClientStreaming ? "stream " : "")}{m.InputType}) returns ({(m.ServerStreaming ? "stream " : "")}{m.OutputType})";

    private static string TypeOf(FieldDescriptorProto f) => f.TypeName.Length > 0 ? f.TypeName : f.Type.ToString();

    // proto3 `optional` changes presence (a synthetic oneof), which generated code exposes.
    private static string LabelOf(FieldDescriptorProto f) =>
        f.Proto3Optional ? "optional"
        : f.Label == FieldDescriptorProto.Types.Label.Repeated ? "repeated"
        : f.Label == FieldDescriptorProto.Types.Label.Required ? "required"
        : "singular";

    private static string Qualify(string package, string name) => package.Length == 0 ? name : $"{package}.{name}";

    private static Dictionary<string, T> Index<T>(IEnumerable<(string Name, T Value)> items)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, value) in items)
            index.TryAdd(name, value);
        return index;
    }

    private static IEnumerable<(string Name, DescriptorProto Message)> Messages(string scope, IEnumerable<DescriptorProto> messages)
    {
        foreach (var message in messages)
        {
            var name = Qualify(scope, message.Name);
            yield return (name, message);
            foreach (var nested in Messages(name, message.NestedType))
                yield return nested;
        }
    }

    private static IEnumerable<(string Name, EnumDescriptorProto Enum)> Enums(string scope, IEnumerable<EnumDescriptorProto> enums, IEnumerable<DescriptorProto> messages)
    {
        foreach (var e in enums)
            yield return (Qualify(scope, e.Name), e);
        foreach (var message in messages)
            foreach (var nested in Enums(Qualify(scope, message.Name), message.EnumType, message.NestedType))
                yield return nested;
    }
}

using Google.Protobuf.Reflection;
using Ctg.ProtoContracts;
using Label = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Label;
using Type = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Type;

namespace Ctg.Contracts.Compatibility.Tests;

/// <summary>The comparer on small handmade descriptors: each breaking kind is found, additions are not.</summary>
public sealed class BreakingChangeComparerTests
{
    // A released file: message Grant { int64 amount_cents = 1; string label = 2; repeated string tags = 3; Status status = 4; },
    // enum Status { STATUS_UNSPECIFIED = 0; STATUS_OPEN = 1; }, service Grants { rpc Get(Grant) returns (Grant); }.
    private static FileDescriptorProto Released()
    {
        var grant = new DescriptorProto { Name = "Grant" };
        grant.Field.Add(Field("amount_cents", 1, Type.Int64));
        grant.Field.Add(Field("label", 2, Type.String));
        grant.Field.Add(new FieldDescriptorProto { Name = "tags", Number = 3, Type = Type.String, Label = Label.Repeated });
        grant.Field.Add(new FieldDescriptorProto { Name = "status", Number = 4, Type = Type.Enum, TypeName = ".ctg.test.v1.Status", Label = Label.Optional });
        var nested = new DescriptorProto { Name = "Line" };
        nested.Field.Add(Field("hours", 1, Type.String));
        grant.NestedType.Add(nested);
        var status = new EnumDescriptorProto { Name = "Status" };
        status.Value.Add(new EnumValueDescriptorProto { Name = "STATUS_UNSPECIFIED", Number = 0 });
        status.Value.Add(new EnumValueDescriptorProto { Name = "STATUS_OPEN", Number = 1 });
        var service = new ServiceDescriptorProto { Name = "Grants" };
        service.Method.Add(new MethodDescriptorProto { Name = "Get", InputType = ".ctg.test.v1.Grant", OutputType = ".ctg.test.v1.Grant" });
        var file = new FileDescriptorProto { Name = "ctg/test/v1/test.proto", Package = "ctg.test.v1", Syntax = "proto3" };
        file.MessageType.Add(grant);
        file.EnumType.Add(status);
        file.Service.Add(service);
        return file;
    }

    private static FieldDescriptorProto Field(string name, int number, Type type) =>
        new() { Name = name, Number = number, Type = type, Label = Label.Optional };

    private static IReadOnlyList<BreakingChange> CompareWith(Action<FileDescriptorProto> change)
    {
        var today = Released();
        change(today);
        return BreakingChangeComparer.Compare(Set(Released()), Set(today));
    }

    private static FileDescriptorSet Set(FileDescriptorProto file) => new() { File = { file } };

    private static void AssertOnly(BreakingKind kind, string element, IReadOnlyList<BreakingChange> changes)
    {
        var change = Assert.Single(changes);
        Assert.Equal(kind, change.Kind);
        Assert.Equal(element, change.Element);
    }

    [Fact]
    public void The_same_file_breaks_nothing() => Assert.Empty(CompareWith(_ => { }));

    [Fact]
    public void Additions_break_nothing()
    {
        var changes = CompareWith(f =>
        {
            f.MessageType[0].Field.Add(Field("note", 5, Type.String));
            f.MessageType.Add(new DescriptorProto { Name = "Added" });
            f.EnumType[0].Value.Add(new EnumValueDescriptorProto { Name = "STATUS_CLOSED", Number = 2 });
            f.Service[0].Method.Add(new MethodDescriptorProto { Name = "List", InputType = ".ctg.test.v1.Grant", OutputType = ".ctg.test.v1.Grant" });
            f.Service.Add(new ServiceDescriptorProto { Name = "More" });
        });

        Assert.Empty(changes);
    }

    [Fact]
    public void A_new_file_breaks_nothing()
    {
        var today = Set(Released());
        today.File.Add(new FileDescriptorProto { Name = "ctg/other/v1/other.proto", Package = "ctg.other.v1" });

        Assert.Empty(BreakingChangeComparer.Compare(Set(Released()), today));
    }

    [Fact]
    public void A_field_removed_without_reserved_breaks() =>
        AssertOnly(BreakingKind.FieldRemovedWithoutReserved, "ctg.test.v1.Grant.label", CompareWith(f => f.MessageType[0].Field.RemoveAt(1)));

    [Fact]
    public void A_field_removed_with_its_number_and_name_reserved_breaks_nothing()
    {
        var changes = CompareWith(f =>
        {
            f.MessageType[0].Field.RemoveAt(1);
            f.MessageType[0].ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = 2, End = 3 });
            f.MessageType[0].ReservedName.Add("label");
        });

        Assert.Empty(changes);
    }

    [Fact]
    public void A_field_removed_with_only_its_number_reserved_breaks()
    {
        var changes = CompareWith(f =>
        {
            f.MessageType[0].Field.RemoveAt(1);
            f.MessageType[0].ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = 2, End = 3 });
        });

        AssertOnly(BreakingKind.FieldRemovedWithoutReserved, "ctg.test.v1.Grant.label", changes);
    }

    [Fact]
    public void A_field_removed_with_only_its_name_reserved_breaks()
    {
        var changes = CompareWith(f =>
        {
            f.MessageType[0].Field.RemoveAt(1);
            f.MessageType[0].ReservedName.Add("label");
        });

        AssertOnly(BreakingKind.FieldRemovedWithoutReserved, "ctg.test.v1.Grant.label", changes);
    }

    [Fact]
    public void A_field_of_a_nested_message_removed_breaks() =>
        AssertOnly(BreakingKind.FieldRemovedWithoutReserved, "ctg.test.v1.Grant.Line.hours",
            CompareWith(f => f.MessageType[0].NestedType[0].Field.Clear()));

    [Fact]
    public void A_field_renumbered_breaks()
    {
        var changes = CompareWith(f => f.MessageType[0].Field[1].Number = 7);

        AssertOnly(BreakingKind.FieldRenumbered, "ctg.test.v1.Grant.label", changes);
        Assert.Equal("number 2 is now 7", changes[0].Detail);
    }

    [Fact]
    public void A_field_renamed_breaks() =>
        AssertOnly(BreakingKind.FieldRenamed, "ctg.test.v1.Grant.label", CompareWith(f => f.MessageType[0].Field[1].Name = "title"));

    [Fact]
    public void A_field_retyped_breaks()
    {
        var changes = CompareWith(f => f.MessageType[0].Field[0].Type = Type.Int32);

        AssertOnly(BreakingKind.FieldRetyped, "ctg.test.v1.Grant.amount_cents", changes);
        Assert.Equal("type Int64 is now Int32", changes[0].Detail);
    }

    [Fact]
    public void A_field_given_another_message_type_breaks() =>
        AssertOnly(BreakingKind.FieldRetyped, "ctg.test.v1.Grant.status",
            CompareWith(f => f.MessageType[0].Field[3].TypeName = ".ctg.test.v1.OtherStatus"));

    [Fact]
    public void A_repeated_field_made_singular_breaks()
    {
        var changes = CompareWith(f => f.MessageType[0].Field[2].Label = Label.Optional);

        AssertOnly(BreakingKind.FieldLabelChanged, "ctg.test.v1.Grant.tags", changes);
        Assert.Equal("label repeated is now singular", changes[0].Detail);
    }

    [Fact]
    public void A_singular_field_given_explicit_presence_breaks_nothing_on_the_wire() =>
        Assert.Empty(CompareWith(f => f.MessageType[0].Field[1].Proto3Optional = true));

    [Fact]
    public void An_optional_field_that_loses_its_presence_breaks()
    {
        var released = Released();
        released.MessageType[0].Field[1].Proto3Optional = true;

        var changes = BreakingChangeComparer.Compare(Set(released), Set(Released()));

        AssertOnly(BreakingKind.FieldLabelChanged, "ctg.test.v1.Grant.label", changes);
        Assert.Equal("label optional is now singular", changes[0].Detail);
    }

    [Fact]
    public void A_singular_field_made_repeated_breaks() =>
        AssertOnly(BreakingKind.FieldLabelChanged, "ctg.test.v1.Grant.label",
            CompareWith(f => f.MessageType[0].Field[1].Label = Label.Repeated));

    [Fact]
    public void A_message_removed_breaks() =>
        AssertOnly(BreakingKind.MessageRemoved, "ctg.test.v1.Grant.Line", CompareWith(f => f.MessageType[0].NestedType.Clear()));

    [Fact]
    public void An_enum_removed_breaks() =>
        AssertOnly(BreakingKind.EnumRemoved, "ctg.test.v1.Status", CompareWith(f => f.EnumType.Clear()));

    [Fact]
    public void An_enum_value_removed_breaks() =>
        AssertOnly(BreakingKind.EnumValueRemoved, "ctg.test.v1.Status.STATUS_OPEN", CompareWith(f => f.EnumType[0].Value.RemoveAt(1)));

    [Fact]
    public void An_enum_value_renumbered_breaks() =>
        AssertOnly(BreakingKind.EnumValueRenumbered, "ctg.test.v1.Status.STATUS_OPEN", CompareWith(f => f.EnumType[0].Value[1].Number = 3));

    [Fact]
    public void A_service_removed_breaks() =>
        AssertOnly(BreakingKind.ServiceRemoved, "ctg.test.v1.Grants", CompareWith(f => f.Service.Clear()));

    [Fact]
    public void An_rpc_removed_breaks() =>
        AssertOnly(BreakingKind.MethodRemoved, "ctg.test.v1.Grants.Get", CompareWith(f => f.Service[0].Method.Clear()));

    [Fact]
    public void An_rpc_given_another_request_breaks()
    {
        var changes = CompareWith(f => f.Service[0].Method[0].InputType = ".ctg.test.v1.Grant.Line");

        AssertOnly(BreakingKind.MethodSignatureChanged, "ctg.test.v1.Grants.Get", changes);
        Assert.Equal("(.ctg.test.v1.Grant) returns (.ctg.test.v1.Grant) is now (.ctg.test.v1.Grant.Line) returns (.ctg.test.v1.Grant)", changes[0].Detail);
    }

    [Fact]
    public void An_rpc_given_another_response_breaks() =>
        AssertOnly(BreakingKind.MethodSignatureChanged, "ctg.test.v1.Grants.Get",
            CompareWith(f => f.Service[0].Method[0].OutputType = ".ctg.test.v1.Grant.Line"));

    [Fact]
    public void An_rpc_made_server_streaming_breaks()
    {
        var changes = CompareWith(f => f.Service[0].Method[0].ServerStreaming = true);

        AssertOnly(BreakingKind.MethodSignatureChanged, "ctg.test.v1.Grants.Get", changes);
        Assert.Equal("(.ctg.test.v1.Grant) returns (.ctg.test.v1.Grant) is now (.ctg.test.v1.Grant) returns (stream .ctg.test.v1.Grant)", changes[0].Detail);
    }

    [Fact]
    public void An_rpc_made_client_streaming_breaks() =>
        AssertOnly(BreakingKind.MethodSignatureChanged, "ctg.test.v1.Grants.Get", CompareWith(f => f.Service[0].Method[0].ClientStreaming = true));

    [Fact]
    public void A_package_renamed_breaks_the_package_and_everything_in_it()
    {
        var changes = CompareWith(f => f.Package = "ctg.test.v2");

        Assert.Equal(
            [BreakingKind.PackageRenamed, BreakingKind.MessageRemoved, BreakingKind.MessageRemoved, BreakingKind.EnumRemoved, BreakingKind.ServiceRemoved],
            changes.Select(c => c.Kind));
        Assert.Equal("package ctg.test.v1 is now ctg.test.v2", changes[0].Detail);
    }

    [Fact]
    public void Files_outside_the_ctg_packages_are_not_compared()
    {
        var released = Set(Released());
        released.File.Add(new FileDescriptorProto { Name = "google/protobuf/timestamp.proto", Package = "google.protobuf", MessageType = { new DescriptorProto { Name = "Timestamp" } } });

        Assert.Empty(BreakingChangeComparer.Compare(released, Set(Released())));
    }
}

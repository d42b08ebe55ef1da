using Google.Protobuf.Reflection;
using Ctg.ProtoContracts;
using Label = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Label;
using Type = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Type;

namespace Ctg.Contracts.Compatibility.Tests;

/// <summary>The API reference of a handmade file: RPC rows, field rows (number, type, comment), enum values.</summary>
public sealed class MarkdownReferenceTests
{
    private static FileDescriptorProto File()
    {
        var grant = new DescriptorProto { Name = "Grant" };
        grant.Field.Add(new FieldDescriptorProto { Name = "amount", Number = 1, Type = Type.Message, TypeName = ".ctg.common.v1.Money", Label = Label.Optional });
        grant.Field.Add(new FieldDescriptorProto { Name = "tags", Number = 2, Type = Type.String, Label = Label.Repeated });
        var status = new EnumDescriptorProto { Name = "Status" };
        status.Value.Add(new EnumValueDescriptorProto { Name = "STATUS_OPEN", Number = 1 });
        var service = new ServiceDescriptorProto { Name = "Grants" };
        service.Method.Add(new MethodDescriptorProto { Name = "Get", InputType = ".ctg.test.v1.Grant", OutputType = ".ctg.test.v1.Grant", ServerStreaming = true });
        var file = new FileDescriptorProto
        {
            Name = "ctg/test/v1/test.proto", Package = "ctg.test.v1",
            MessageType = { grant }, EnumType = { status }, Service = { service },
            SourceCodeInfo = new SourceCodeInfo(),
        };
        Comment(file, " The grants.\n", 6, 0);
        Comment(file, " One grant | with a pipe.\n", 6, 0, 2, 0);
        Comment(file, " A grant.\n", 4, 0);
        Comment(file, " The amount, in cents.\n", 4, 0, 2, 0);
        Comment(file, " Open.\n", 5, 0, 2, 0);
        return file;
    }

    private static void Comment(FileDescriptorProto file, string text, params int[] path) =>
        file.SourceCodeInfo.Location.Add(new SourceCodeInfo.Types.Location { Path = { path }, Span = { 0, 0, 0 }, LeadingComments = text });

    [Fact]
    public void Rpcs_fields_and_values_are_rows_with_their_comments()
    {
        var md = MarkdownReference.Write(File());

        Assert.Contains("### ctg.test.v1.Grants\n\nThe grants.\n", md);
        Assert.Contains("| `Get` | [`ctg.test.v1.Grant`](ctg.test.v1.md#ctg.test.v1.grant) | stream [`ctg.test.v1.Grant`](ctg.test.v1.md#ctg.test.v1.grant) | One grant \\| with a pipe. |\n", md);
        Assert.Contains("| 1 | `amount` | [`ctg.common.v1.Money`](ctg.common.v1.md#ctg.common.v1.money) | The amount, in cents. |\n", md);
        Assert.Contains("| 2 | `tags` | repeated string |  |\n", md);
        Assert.Contains("| `STATUS_OPEN` | 1 | Open. |\n", md);
    }

    [Fact]
    public void Every_element_of_the_file_is_listed_once_with_its_source_path()
    {
        var elements = ContractElements.Of(File()).Select(e => $"{e.Kind} {e.FullName} {string.Join('.', e.Path)}");

        Assert.Equal(
            ["Service ctg.test.v1.Grants 6.0", "Method ctg.test.v1.Grants.Get 6.0.2.0", "Message ctg.test.v1.Grant 4.0",
             "Field ctg.test.v1.Grant.amount 4.0.2.0", "Field ctg.test.v1.Grant.tags 4.0.2.1",
             "Enum ctg.test.v1.Status 5.0", "EnumValue ctg.test.v1.STATUS_OPEN 5.0.2.0"],
            elements);
    }
}

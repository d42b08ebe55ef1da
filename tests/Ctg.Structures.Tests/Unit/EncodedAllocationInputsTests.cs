using Ctg.Structures.Allocation;
using Ctg.Structures.V1;
using Google.Protobuf;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests.Unit;

/// <summary>The stored rows framed as they are give, byte for byte, the message the generated code would encode.</summary>
public sealed class EncodedAllocationInputsTests
{
    [Fact]
    public void Framing_the_stored_rows_gives_the_bytes_of_the_generated_message()
    {
        var structures = new[]
        {
            new Structure { StructureId = "str-a", ConventionId = "ctg-x", Version = 2, Details = Eaje(), EffectiveFrom = D(2018, 1, 1), CafDepartement = "39" },
            new Structure { StructureId = "str-b", ConventionId = "ctg-x", Version = 1, Details = Of(StructureKind.Alsh, "ALSH Gendrey", "Gendrey") },
        };
        var references = new[] { new CejReference { StructureId = "str-a", ReferenceYear = 2018, Amount = Cents(8244200), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("30") } };
        var declarations = new[]
        {
            new Declaration { StructureId = "str-b", Year = 2024, Version = DeclarationVersion.Reel, Revision = 2, Figures = new ActivityFigures { HoursAttended = Dec("1200"), OperatingCosts = Cents(100000) } },
        };
        var expected = new ConventionAllocationInputs { ConventionId = "ctg-x", Structures = { structures }, References = { references }, Declarations = { declarations } };

        var encoded = EncodedAllocationInputs.Of("ctg-x",
            structures.Select(s => s.ToByteArray()), references.Select(r => r.ToByteArray()), declarations.Select(d => d.ToByteArray()));

        Assert.Equal(expected.ToByteArray(), encoded.Bytes);
        Assert.Equal(expected, ConventionAllocationInputs.Parser.ParseFrom(encoded.Bytes));
        Assert.Equal(new ConventionAllocationInputs { ConventionId = "ctg-empty" }.ToByteArray(), EncodedAllocationInputs.Of("ctg-empty", [], [], []).Bytes);
    }
}

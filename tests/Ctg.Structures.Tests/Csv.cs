using System.Text;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Structures.Tests;

/// <summary>Builds CSV files the way French spreadsheets save them, and sends them to the import RPCs.</summary>
internal static class Csv
{
    public const string StructureHeader =
        "structure_id;name;kind;caf_dossier_number;caf_equipment_code;street;postal_code;commune_name;commune_insee;manager_name;management_mode;agreed_places;etp;opening_hours_per_year;supplies_nappies;supplies_meals;periscolaire;extrascolaire;opening_date;supporting_collectivity_id;effective_from;source_note";

    public const string DeclarationHeader =
        "structure_id;year;version;received_on;hours_invoiced;hours_attended;operating_costs_cents;family_participations_cents;regime_general_share;aeeh_hours;aeeh_children;places;months_open;etp;opening_hours";

    public const string ReferenceHeader = "structure_id;reference_year;amount_cents;unit;reference_units;source_note";

    public static string Eaje(string id, string name, string places = "30", string dossier = "", string insee = "39235", string supporting = "ctg-39-jura-nord-2019-cc-jura-nord") =>
        $"{id};{name};eaje_psu;{dossier};;1 rue des Forges;39700;Fraisans;{insee};Communauté de communes Jura Nord;regie;{places};;;oui;oui;;;01/09/2012;{supporting};;test";

    public static string Alsh(string id, string name, string commune = "Gendrey") =>
        $"{id};{name};alsh;;;;;{commune};;Communauté de communes Jura Nord;regie;;;;;;oui;non;;ctg-39-jura-nord-2019-cc-jura-nord;2018-01-01;test";

    public static byte[] Utf8(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    public static byte[] Utf8Bom(params string[] lines) => [0xEF, 0xBB, 0xBF, .. Utf8(lines)];

    public static byte[] Windows1252(params string[] lines)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(string.Join("\r\n", lines) + "\r\n");
    }

    /// <summary>Sends the file through the client-streaming RPC, in 64 KiB chunks.</summary>
    public static async Task<ImportReport> ImportAsync(this StructureImport.StructureImportClient client, ImportKind kind, byte[] content, bool skipExisting = false)
    {
        using var call = client.ImportCsv();
        var options = new ImportOptions { Kind = kind, SkipExisting = skipExisting };
        var first = true;
        foreach (var chunk in content.Chunk(64 * 1024).DefaultIfEmpty([]))
        {
            await call.RequestStream.WriteAsync(new CsvChunk { Options = first ? options : null, Content = ByteString.CopyFrom(chunk) });
            first = false;
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }
}

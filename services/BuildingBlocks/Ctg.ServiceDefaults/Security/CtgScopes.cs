namespace Ctg.ServiceDefaults.Security;

/// <summary>OAuth2 scopes of partner systems (client credentials): per service, per read or write.</summary>
public static class CtgScopes
{
    public const string SignatoriesRead = "ctg.signatories.read";
    public const string SignatoriesWrite = "ctg.signatories.write";
    public const string StructuresRead = "ctg.structures.read";
    public const string StructuresWrite = "ctg.structures.write";
    public const string FundingRead = "ctg.funding.read";
    public const string FundingWrite = "ctg.funding.write";
    public const string ReportingRead = "ctg.reporting.read";

    public static readonly IReadOnlyList<string> All =
        [SignatoriesRead, SignatoriesWrite, StructuresRead, StructuresWrite, FundingRead, FundingWrite, ReportingRead];
}

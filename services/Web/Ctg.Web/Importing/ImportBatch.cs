namespace Ctg.Web.Importing;

/// <summary>An uploaded file, kept as sent.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>What a finance officer sent to import: the files, their declared type ("" = from each file's name),
/// whether rows already present are skipped. Kept on the server between the dry run and the confirmation.</summary>
public sealed record ImportBatch(string Type, bool SkipExisting, IReadOnlyList<UploadedFile> Files);

namespace Ctg.Funding.Engine.Parameters;

/// <summary>The legal or documentary source of one parameter value.</summary>
public sealed record ParameterReference(string Title, string Url);

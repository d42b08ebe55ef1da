namespace Ctg.Web;

/// <summary>Where the web application listens (section <c>Web</c>).</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5300;
}

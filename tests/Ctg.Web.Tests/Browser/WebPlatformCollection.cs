namespace Ctg.Web.Tests.Browser;

/// <summary>The browser tests share one platform (starting it takes most of their time) and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class WebPlatformCollection : ICollectionFixture<WebPlatform>
{
    public const string Name = "web platform";
}

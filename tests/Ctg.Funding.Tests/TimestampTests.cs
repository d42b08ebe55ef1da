using Ctg.Funding.Api.Shared;
using Ctg.Testing;

namespace Ctg.Funding.Tests;

/// <summary>Funding's timestamps (created_at, computed_at, loaded_at) come from the injected clock, in the
/// contracts' format, so a test or a replay that sets the clock gets exact instants.</summary>
public sealed class TimestampTests
{
    [Fact]
    public void A_timestamp_is_the_clock_time_in_UTC_to_the_millisecond()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 2, 17, 4, 5, 678, TimeSpan.Zero).AddTicks(9999));

        Assert.Equal("2026-12-02T17:04:05.678Z", Decimals.Timestamp(clock));
    }

    [Fact]
    public void A_clock_in_another_offset_still_gives_UTC()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 2, 18, 4, 5, 678, TimeSpan.FromHours(1)));

        Assert.Equal("2026-12-02T17:04:05.678Z", Decimals.Timestamp(clock));
    }
}

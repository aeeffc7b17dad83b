namespace Clv.Workers.Tests;

public static class Expect
{
    /// <summary>Passes when a comparison found no difference; otherwise fails with the whole description of the first one.</summary>
    public static void NoDifference(string? difference)
    {
        if (difference is not null)
        {
            Assert.Fail(difference);
        }
    }
}

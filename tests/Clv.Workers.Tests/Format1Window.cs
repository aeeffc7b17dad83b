namespace Clv.Workers.Tests;

/// <summary>A window as the previous version stored it (window format 1), to check it is refused.</summary>
public static class Format1Window
{
    /// <summary>
    /// Its layout: a header (u8 format 1, u16 capacity 65, u16 count 1, u16 partition count 1, i64 last seq_no 1),
    /// one 12-byte partition entry (partition 0, offset 0) and one 45-byte record; its ids were in a list beside it.
    /// </summary>
    public static byte[] WithOneEvent()
    {
        var stored = new byte[15 + 12 + 45];
        stored[0] = 1;
        stored[1] = 65;
        stored[3] = 1;
        stored[5] = 1;
        stored[7] = 1;
        return stored;
    }
}

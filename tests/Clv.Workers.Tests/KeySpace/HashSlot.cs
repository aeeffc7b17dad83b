using System.Text;

namespace Clv.Workers.Tests.KeySpace;

/// <summary>
/// The Redis Cluster key slot, written from the cluster specification (CRC16-CCITT/XMODEM of the hash tag,
/// or of the whole key when it has none, mod 16384) independently of the client library's own.
/// </summary>
public static class HashSlot
{
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1)
            {
                bytes = bytes[(open + 1)..close];
            }
        }

        return Crc16(bytes) % 16384;
    }

    private static int Crc16(byte[] bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }

        return crc;
    }
}

using System.Globalization;
using StackExchange.Redis;

namespace Clv.Development.LoadHarness;

/// <summary>Numbers from redis-server's INFO (needs a connection with <c>allowAdmin</c>).</summary>
public static class RedisServerInfo
{
    /// <summary>A number of an INFO section (e.g. memory used_memory, cpu used_cpu_user); NaN when absent.</summary>
    public static double Number(IServer server, string section, string field)
    {
        foreach (var group in server.Info(section))
        {
            foreach (var (key, value) in group)
            {
                if (key == field)
                {
                    return double.Parse(value, CultureInfo.InvariantCulture);
                }
            }
        }

        return double.NaN;
    }
}

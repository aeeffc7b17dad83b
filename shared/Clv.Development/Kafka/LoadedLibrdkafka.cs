using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Clv.Development.Kafka;

/// <summary>
/// The native librdkafka that Confluent.Kafka loaded into this process, opened a second time so
/// that we can call exports Confluent.Kafka does not wrap (the mock cluster). Binding by name would
/// be wrong on Debian 12: the default <c>librdkafka.so</c> of librdkafka.redist misses libsasl2.so.3
/// and Confluent.Kafka falls back to <c>centos8-librdkafka.so</c>, a different file.
/// </summary>
internal static class LoadedLibrdkafka
{
    private static readonly Lazy<(string Path, IntPtr Handle)> Library = new(Open);

    public static string Path => Library.Value.Path;

    public static IntPtr Export(string name) => NativeLibrary.GetExport(Library.Value.Handle, name);

    private static (string, IntPtr) Open()
    {
        // Reading the version makes Confluent.Kafka load its native library (with its own fallbacks).
        _ = Confluent.Kafka.Library.Version;
        var path = FindLoadedPath()
            ?? throw new InvalidOperationException("Confluent.Kafka reports librdkafka loaded, but no librdkafka module is mapped in this process.");
        // dlopen of an already-mapped file returns that same library (reference counted), not a copy.
        return (path, NativeLibrary.Load(path));
    }

    private static string? FindLoadedPath()
    {
        using var self = Process.GetCurrentProcess();
        foreach (ProcessModule module in self.Modules)
        {
            if (module.ModuleName.Contains("librdkafka", StringComparison.OrdinalIgnoreCase))
            {
                return module.FileName;
            }
        }
        return null;
    }
}

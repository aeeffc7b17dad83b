using System.Diagnostics;

namespace Clv.TestInfrastructure;

/// <summary>
/// A server binary (redis-server, rabbitmq-server) started by a fixture and killed with its whole
/// process tree when the fixture is done. Keeps the tail of its output so a failed start explains itself.
/// </summary>
public sealed class LocalServerProcess : IDisposable
{
    private const int KeptLines = 60;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private LocalServerProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public string OutputTail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    public static LocalServerProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // rabbitmq-server would otherwise read the test host's stdin
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new LocalServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Finds an executable on PATH or in the system directories where Debian puts servers.</summary>
    public static string? Locate(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/lib/rabbitmq/bin"]);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public InvalidOperationException Failure(string what) =>
        new($"{what} (pid {_process.Id}{(HasExited ? $", exited with {_process.ExitCode}" : string.Empty)}). Last output:{Environment.NewLine}{OutputTail}");

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            if (_tail.Count == KeptLines)
            {
                _tail.Dequeue();
            }
            _tail.Enqueue(line);
        }
    }
}

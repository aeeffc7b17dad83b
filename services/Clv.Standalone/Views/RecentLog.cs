using Microsoft.Extensions.Logging;

namespace Clv.Standalone.Views;

/// <summary>
/// The last few log lines, for the live view: it owns the terminal, so log output goes here instead of
/// to the console. Information from the project's own components (training progress, model activations),
/// warnings and errors from everything.
/// </summary>
public sealed class RecentLog : ILoggerProvider
{
    private const int Kept = 6;

    private readonly Queue<string> _lines = new(Kept);

    public IReadOnlyList<string> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lines)
        {
            if (_lines.Count == Kept)
            {
                _lines.Dequeue();
            }
            _lines.Enqueue(line);
        }
    }

    private sealed class Logger(RecentLog log, string category) : ILogger
    {
        private readonly LogLevel _minimum = category.StartsWith("Clv.", StringComparison.Ordinal) ? LogLevel.Information : LogLevel.Warning;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{DateTime.Now:HH:mm:ss} {logLevel.ToString()[..4].ToLowerInvariant()} {formatter(state, exception)}");
            }
        }
    }
}

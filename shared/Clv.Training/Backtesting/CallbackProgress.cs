namespace Clv.Training.Backtesting;

/// <summary>
/// Reports progress on the calling thread, in order (unlike <see cref="Progress{T}"/>, which posts
/// to the thread pool and can reorder or outlive the run).
/// </summary>
public sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

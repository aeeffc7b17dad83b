namespace Clv.Hosting.Redis;

/// <summary>A script call found its script missing on the server and reloaded it: retry the batch.</summary>
public sealed class ScriptReloadedException(Exception inner) : Exception("A Redis script was missing on the server and has been reloaded; the batch must be retried.", inner);

namespace Clv.ModelLifecycle;

/// <summary>Where the model store keeps its keys and how many versions it retains.</summary>
public sealed class ModelStoreOptions
{
    public const string Section = "ModelStore";

    /// <summary>Every key starts with this; the braces are a Redis Cluster hash tag, so all model keys share one slot.</summary>
    public string KeyPrefix { get; set; } = "clv:{models}";

    /// <summary>How many of the newest versions are kept; older ones are deleted unless active.</summary>
    public int KeepVersions { get; set; } = 10;
}

namespace Clv.ModelLifecycle;

/// <summary>How a scorer replica names itself on the control plane.</summary>
public sealed class ModelActivationOptions
{
    public const string Section = "ModelActivation";

    /// <summary>
    /// Names this replica in ModelActivated/ModelRejected and in its own control-plane queue; must differ
    /// between replicas. Default: host name and process id (a pod name in Kubernetes).
    /// </summary>
    public string ReplicaId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}

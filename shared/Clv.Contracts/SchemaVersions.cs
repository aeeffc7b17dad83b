namespace Clv.Contracts;

/// <summary>The schema version each message type is written with; readers refuse versions they do not know.</summary>
public static class SchemaVersions
{
    public const int Transaction = 1;
    public const int Sequenced = 1;
    public const int ClvUpdate = 1;
    public const int ChurnAlert = 2;
    public const int ModelLifecycle = 1;
}

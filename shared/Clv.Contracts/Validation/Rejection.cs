namespace Clv.Contracts.Validation;

/// <summary>A refused message: the reason code, the field it concerns ("" for the whole message), and a readable message.</summary>
public readonly record struct Rejection(RejectionReason Reason, string Field, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Field) ? $"{Reason}: {Message}" : $"{Reason} ({Field}): {Message}";
}

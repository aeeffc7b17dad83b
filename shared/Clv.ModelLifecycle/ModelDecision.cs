namespace Clv.ModelLifecycle;

/// <summary>The last verdict recorded on a stored model version.</summary>
public enum ModelDecision
{
    /// <summary>Stored, not yet judged.</summary>
    Candidate,

    /// <summary>Made the active version (by the trainer's evaluation or an operator).</summary>
    Promoted,

    /// <summary>Refused by the trainer's evaluation; kept so an operator can inspect or force it.</summary>
    Rejected,

    /// <summary>Was active and was replaced by a rollback.</summary>
    RolledBack,
}

using Clv.Model;

namespace Clv.Training.Lifecycle;

/// <summary>The candidate <see cref="CandidateSelection"/> picked, each candidate's metric wins, and why, in words.</summary>
public sealed record CandidateChoice(ModelCandidate Chosen, IReadOnlyDictionary<ModelKind, int> Wins, string Reason);

namespace Clv.Contracts.Scores;

/// <summary>Why a score was computed: a new event, or the recency sweeper re-scoring a silent customer.</summary>
public enum ScoreCause
{
    Event,
    Recency,
}

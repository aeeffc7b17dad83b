namespace Clv.Model.Tests.Baselines;

/// <summary>Runs <see cref="BgNbdFitBoundsTests"/> after the parallel tests, alone, so their time-outs are not eaten by other tests' CPU use.</summary>
[CollectionDefinition(nameof(BgNbdFitBoundsTests), DisableParallelization = true)]
public sealed class BgNbdFitBoundsCollection;

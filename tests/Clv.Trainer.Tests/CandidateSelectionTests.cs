using Clv.Model;
using Microsoft.Extensions.Configuration;
using Clv.Model.BuyTillYouDie;
using Clv.Training.Lifecycle;
using Clv.Training.Metrics;

namespace Clv.Trainer.Tests;

public sealed class CandidateSelectionTests
{
    private static readonly ModelCandidate Template = new(
        new BgNbdGammaGammaModel("v1", new BuyTillYouDieParameters(0.24, 4.4, 0.79, 2.4, 6.2, 3.7, 15), 273, 365, 0.1, TrainingMetadata.Untrained),
        new ModelMetrics(0, 0, 0, 0, 0));

    // Metric tables (churn AUC, log loss, spend MAE, spend RMSE, Gini) made by hand: who wins each is read off the table.
    [Theory]
    [InlineData(new[] { 0.75, 0.50, 30.0, 90.0, 0.70 }, new[] { 0.74, 0.51, 31.0, 91.0, 0.69 }, ModelKind.MtlLstm, 5, 0)] // LSTM wins all
    [InlineData(new[] { 0.75, 0.50, 33.0, 93.0, 0.70 }, new[] { 0.74, 0.51, 32.0, 92.0, 0.69 }, ModelKind.MtlLstm, 3, 2)] // AUC, log loss, Gini
    [InlineData(new[] { 0.73, 0.50, 33.0, 93.0, 0.70 }, new[] { 0.74, 0.51, 32.0, 92.0, 0.69 }, ModelKind.BgNbdGammaGamma, 2, 3)] // the second data set
    [InlineData(new[] { 0.75, 0.50, 33.0, 93.0, 0.69 }, new[] { 0.74, 0.51, 32.0, 92.0, 0.69 }, ModelKind.BgNbdGammaGamma, 2, 2)] // Gini tied: 2-2 goes to the simpler kind
    [InlineData(new[] { 0.75, 0.50, 30.0, 90.0, 0.70 }, new[] { 0.75, 0.50, 30.0, 90.0, 0.70 }, ModelKind.BgNbdGammaGamma, 0, 0)] // all tied
    public void Choose_PicksTheMajorityOfMetricWins_TiesToTheSimplerKind(double[] lstm, double[] bgnbd, ModelKind expected, int lstmWins, int bgnbdWins)
    {
        var choice = CandidateSelection.Choose([Candidate(ModelKind.MtlLstm, lstm), Candidate(ModelKind.BgNbdGammaGamma, bgnbd)]);

        Assert.Equal(expected, choice.Chosen.Kind);
        Assert.Equal(lstmWins, choice.Wins[ModelKind.MtlLstm]);
        Assert.Equal(bgnbdWins, choice.Wins[ModelKind.BgNbdGammaGamma]);
    }

    // Three candidates (columns as above); the CDNOW split shape: the LSTM best on churn, BG/NBD best on spend.
    [Theory]
    [InlineData(new[] { 0.76, 0.49, 34.8, 99.9, 0.71 }, new[] { 0.74, 0.51, 32.7, 92.9, 0.67 }, new[] { 0.77, 0.48, 33.0, 92.0, 0.72 }, ModelKind.StackedLstmBgNbd, 0, 1, 4)] // stack: AUC, log loss, RMSE, Gini
    [InlineData(new[] { 0.76, 0.49, 34.8, 99.9, 0.73 }, new[] { 0.74, 0.51, 32.7, 92.9, 0.67 }, new[] { 0.77, 0.48, 33.0, 92.0, 0.72 }, ModelKind.StackedLstmBgNbd, 1, 1, 3)] // stack: AUC, log loss, RMSE
    [InlineData(new[] { 0.78, 0.47, 34.8, 99.9, 0.73 }, new[] { 0.74, 0.51, 32.7, 92.9, 0.67 }, new[] { 0.77, 0.48, 32.0, 92.0, 0.72 }, ModelKind.MtlLstm, 3, 0, 2)] // the LSTM on churn, the stack on spend
    [InlineData(new[] { 0.76, 0.49, 34.8, 99.9, 0.73 }, new[] { 0.74, 0.51, 32.0, 92.0, 0.67 }, new[] { 0.77, 0.48, 33.0, 93.0, 0.72 }, ModelKind.BgNbdGammaGamma, 1, 2, 2)] // 2-2 goes to the simpler kind
    [InlineData(new[] { 0.76, 0.49, 34.8, 99.9, 0.73 }, new[] { 0.74, 0.51, 32.7, 92.9, 0.67 }, new[] { 0.76, 0.49, 34.8, 99.9, 0.73 }, ModelKind.BgNbdGammaGamma, 0, 2, 0)] // a stack that only copies the LSTM ties it everywhere
    public void Choose_AmongThree_PicksTheMostMetricWins_TiesToTheSimplerKind(double[] lstm, double[] bgnbd, double[] stacked, ModelKind expected, int lstmWins, int bgnbdWins, int stackedWins)
    {
        var choice = CandidateSelection.Choose([
            Candidate(ModelKind.StackedLstmBgNbd, stacked), Candidate(ModelKind.MtlLstm, lstm), Candidate(ModelKind.BgNbdGammaGamma, bgnbd)]);

        Assert.Equal(expected, choice.Chosen.Kind);
        Assert.Equal((lstmWins, bgnbdWins, stackedWins), (choice.Wins[ModelKind.MtlLstm], choice.Wins[ModelKind.BgNbdGammaGamma], choice.Wins[ModelKind.StackedLstmBgNbd]));
        Assert.Contains($"{expected} chosen by metric wins", choice.Reason);
    }

    [Fact]
    public void Choose_StackTiedWithTheLstmOnWins_GoesToTheLstm()
    {
        // LSTM: AUC, Gini; stack: MAE, RMSE; log loss tied between them (nobody wins it); BG/NBD nothing.
        var choice = CandidateSelection.Choose([
            Candidate(ModelKind.MtlLstm, [0.78, 0.48, 34.0, 99.0, 0.73]),
            Candidate(ModelKind.BgNbdGammaGamma, [0.74, 0.51, 35.0, 99.5, 0.67]),
            Candidate(ModelKind.StackedLstmBgNbd, [0.77, 0.48, 33.0, 93.0, 0.72])]);

        Assert.Equal(ModelKind.MtlLstm, choice.Chosen.Kind);
        Assert.Equal(2, choice.Wins[ModelKind.StackedLstmBgNbd]);
        Assert.Contains("log loss tied", choice.Reason);
    }

    [Fact]
    public void Complexity_OrdersBgNbdThenTheLstmThenTheStack() =>
        Assert.Equal(
            [ModelKind.BgNbdGammaGamma, ModelKind.MtlLstm, ModelKind.StackedLstmBgNbd],
            Enum.GetValues<ModelKind>().OrderByDescending(k => (int)k).OrderBy(CandidateSelection.Complexity));

    [Fact]
    public void Choose_CandidateWithANonFiniteMetric_IsNotEligibleWhileAnotherIsFinite()
    {
        var choice = CandidateSelection.Choose([
            Candidate(ModelKind.MtlLstm, [0.80, 0.40, 20.0, 80.0, double.NaN]),
            Candidate(ModelKind.BgNbdGammaGamma, [0.70, 0.55, 35.0, 95.0, 0.60])]);

        Assert.Equal(ModelKind.BgNbdGammaGamma, choice.Chosen.Kind);
        Assert.Contains("not eligible", choice.Reason);
    }

    [Fact]
    public void Choose_OneCandidate_IsChosenAsTheOnlyOne()
    {
        var choice = CandidateSelection.Choose([Candidate(ModelKind.MtlLstm, [0.6, 0.6, 40, 100, 0.4])]);

        Assert.Equal(ModelKind.MtlLstm, choice.Chosen.Kind);
        Assert.Equal("MtlLstm the only candidate", choice.Reason);
    }

    [Fact]
    public void Choose_TwoCandidatesOfOneKind_IsRefused() =>
        Assert.Throws<ArgumentException>(() => CandidateSelection.Choose([Candidate(ModelKind.MtlLstm, [0.6, 0.6, 40, 100, 0.4]), Candidate(ModelKind.MtlLstm, [0.6, 0.6, 40, 100, 0.4])]));

    [Theory]
    [InlineData(new[] { "MtlLstm", "mtllstm" }, "names a kind twice")]
    [InlineData(new[] { "Prophet" }, "names 'Prophet', not a model kind")]
    [InlineData(new[] { "1" }, "names '1', not a model kind")]
    public void TrainerOptions_UnusableModelKinds_AreRefusedNamingTheSetting(string[] kinds, string expected)
    {
        var problems = TrainerOptionsRules.Problems(new TrainerOptions { ModelKinds = kinds }).ToList();

        Assert.Contains(problems, p => p.StartsWith("Trainer:ModelKinds", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TrainerOptions_ModelKindsFromConfiguration_KeepAMisspeltNameForTheRulesToRefuse()
    {
        static TrainerOptions Bound(string kind)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Trainer:ModelKinds:0"] = kind }).Build();
            return configuration.GetSection(TrainerOptions.Section).Get<TrainerOptions>()!;
        }

        Assert.Equal([ModelKind.BgNbdGammaGamma], Bound("bgnbdgammagamma").CandidateKinds());
        Assert.NotEmpty(TrainerOptionsRules.Problems(Bound("Lstm")));
    }

    [Fact]
    public void TrainerOptions_NoModelKinds_MeansEveryKind() =>
        Assert.Equal([ModelKind.MtlLstm, ModelKind.BgNbdGammaGamma, ModelKind.StackedLstmBgNbd], new TrainerOptions().CandidateKinds());

    [Theory]
    [InlineData("StackedLstmBgNbd")]
    [InlineData("StackedLstmBgNbd,MtlLstm")]
    [InlineData("BgNbdGammaGamma,StackedLstmBgNbd")]
    public void TrainerOptions_StackWithoutBothComponents_IsRefused(string kinds)
    {
        var problems = TrainerOptionsRules.Problems(new TrainerOptions { ModelKinds = kinds.Split(',') }).ToList();

        Assert.Contains(problems, p => p.StartsWith("Trainer:ModelKinds names StackedLstmBgNbd without both its components", StringComparison.Ordinal));
    }

    [Fact]
    public void TrainerOptions_StackWithBothComponents_IsAccepted()
    {
        var options = new TrainerOptions { ModelKinds = ["bgnbdgammagamma", "StackedLstmBgNbd", "MtlLstm"] };

        Assert.Empty(TrainerOptionsRules.Problems(options));
        Assert.Equal([ModelKind.BgNbdGammaGamma, ModelKind.StackedLstmBgNbd, ModelKind.MtlLstm], options.CandidateKinds());
    }

    // The kind is all the rule reads of the model.
    private static ModelCandidate Candidate(ModelKind kind, double[] m) =>
        Template with
        {
            Model = kind switch
            {
                ModelKind.MtlLstm => TestModels.Create("v1"),
                ModelKind.StackedLstmBgNbd => TestModels.CreateStacked("v1"),
                _ => Template.Model,
            },
            Metrics = new ModelMetrics(m[0], m[1], m[2], m[3], m[4]),
        };
}

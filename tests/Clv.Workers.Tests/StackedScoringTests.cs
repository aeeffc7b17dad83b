using Clv.Contracts.Scores;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Persistence;
using Clv.Model.Stacking;
using Clv.TestInfrastructure;
using Clv.TestInfrastructure.Reference;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

/// <summary>
/// The scorer serving a stacked model: every update is the blend, by the model's weights, of the reference LSTM's
/// scores (the scalar oracle) and the BG/NBD + Gamma-Gamma closed form for the customer's history up to that event,
/// both computed here from the events alone.
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class StackedScoringTests(KafkaFixture kafka, RedisFixture redis)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryEvent_GetsTheBlendOfTheReferenceLstmAndBgNbdForItsHistory(bool fused)
    {
        var lstm = TestModels.Create(version: "stacked-e2e");
        var written = new StackedLstmBgNbdModel(
            lstm,
            new BgNbdGammaGammaModel(lstm.Version, BgNbdScoringTests.Parameters, lstm.HorizonDays, lstm.ClvHorizonDays, lstm.AnnualDiscountRate, TrainingMetadata.Untrained),
            new StackWeights(0.2, 0.6, 0.3, 0.4, 0.7));
        // Published as the trainer would: through its model file, read back by the kind-aware reader.
        var model = Assert.IsType<StackedLstmBgNbdModel>(WeightsFile.ReadModel(WeightsFile.ToBytes(written)));
        var (c0, c1, c2, w1, w2) = model.Weights;
        var reference = new ReferenceModel(lstm);
        var (histories, streamed) = await EndToEndTests.ScoreAsync(kafka, redis, fused, model, seed: 7);
        var updates = streamed.Where(u => u.Cause == ScoreCause.Event).ToList();

        Assert.Equal(histories.Values.Sum(h => h.Count), updates.Select(u => (u.CustomerId, u.SeqNo)).Distinct().Count());
        foreach (var (customer, history) in histories)
        {
            for (var seq = 1; seq <= history.Count; seq++)
            {
                var update = updates.First(u => u.CustomerId == customer && u.SeqNo == seq);
                var fromLstm = ScoreOracle.Expected(reference, history, seq);
                var fromBgNbd = BgNbdScoringTests.Expected(history.Take(seq).ToList(), update.HorizonDays, update.ClvHorizonDays, model.AnnualDiscountRate);
                Assert.Equal(model.Version, update.ModelVersion);
                Assert.Equal(Sigmoid(c0 + (c1 * Logit(fromLstm.Churn)) + (c2 * Logit(fromBgNbd.Churn))), update.ChurnProbability, 1e-5);
                var spend = (w1 * fromLstm.Spend.Mean) + (w2 * fromBgNbd.Spend);
                var clv = (w1 * fromLstm.Clv.Mean) + (w2 * fromBgNbd.Clv);
                Assert.Equal(spend, update.ExpectedSpend, ReferenceAgreement.Tolerance * spend);
                Assert.Equal(clv, update.Clv, ReferenceAgreement.Tolerance * clv);

                // Every field, quantiles included (they blend like the means, BG/NBD's taken from its component scored
                // alone): what is left of the update after BG/NBD's share is the reference LSTM's answer.
                var bgNbdAlone = CustomerState.ScoreSequence(
                    model.BgNbd, history.Take(seq).Select(CustomerEvents.From).ToArray(), update.AsOf.UtcDateTime, update.HorizonDays, update.ClvHorizonDays);
                var lstmShare = new ModelScores(
                    Sigmoid((Logit(update.ChurnProbability) - c0 - (c2 * Logit(fromBgNbd.Churn))) / c1),
                    (update.ExpectedSpend - (w2 * fromBgNbd.Spend)) / w1,
                    (update.SpendP10 - (w2 * bgNbdAlone.SpendP10)) / w1,
                    (update.SpendP90 - (w2 * bgNbdAlone.SpendP90)) / w1,
                    (update.Clv - (w2 * fromBgNbd.Clv)) / w1,
                    (update.ClvP10 - (w2 * bgNbdAlone.ClvP10)) / w1,
                    (update.ClvP90 - (w2 * bgNbdAlone.ClvP90)) / w1);
                Assert.Null(ReferenceAgreement.FirstDifference(fromLstm, lstmShare));
            }
        }
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}

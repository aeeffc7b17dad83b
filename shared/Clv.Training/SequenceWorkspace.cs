using Clv.Model;
using System.Numerics.Tensors;
using Clv.Model.Features;
using Clv.Model.Network;

namespace Clv.Training;

/// <summary>
/// Buffers for the forward and backward pass of one customer sequence: the states of every
/// step (for BPTT) and the heads' scratch. One per gradient shard, reused for every sequence.
/// </summary>
internal sealed class SequenceWorkspace
{
    private readonly ParameterLayout _layout;
    private readonly double _dailyDiscount;
    private float[] _h = [];
    private float[] _c = [];
    private float[] _gates = [];
    private float[] _tanhCell = [];
    private float[] _dhFromHeads = [];
    private readonly float[] _z;
    private readonly float[] _context = new float[FeatureEncoder.HeadContextSize];
    private readonly float[] _dense;
    private readonly float[] _outputs = new float[ParameterLayout.HeadOutputs];
    private readonly float[] _dOutputs = new float[ParameterLayout.HeadOutputs];
    private readonly float[] _dz;
    private readonly float[] _denseGradient;
    private readonly float[] _dh;
    private readonly float[] _dc;
    private readonly float[] _preActivation;

    public SequenceWorkspace(in ParameterLayout layout, double annualDiscountRate)
    {
        _layout = layout;
        _dailyDiscount = PurchaseWindow.DailyDiscount(annualDiscountRate);
        _z = new float[layout.HeadInput];
        _dense = new float[layout.Dense];
        _dz = new float[layout.HeadInput];
        _denseGradient = new float[layout.Dense];
        _dh = new float[layout.Hidden];
        _dc = new float[layout.Hidden];
        _preActivation = new float[layout.Gates];
    }

    /// <summary>
    /// Adds the sequence's example losses to <paramref name="sums"/> and, when
    /// <paramref name="gradients"/> is not empty, the gradient of Σ_e Σ_k taskScale_k L_k,e to it.
    /// </summary>
    public void Accumulate(ReadOnlySpan<float> parameters, TrainingSequence sequence, ModelTasks tasks, ReadOnlySpan<double> taskScale, Span<float> gradients, ref TaskLossSums sums)
    {
        var hidden = _layout.Hidden;
        RunEncoder(parameters, sequence);
        var withGradient = !gradients.IsEmpty;
        if (withGradient)
        {
            Array.Clear(_dhFromHeads, 0, sequence.Steps * hidden);
        }

        foreach (var example in sequence.Examples)
        {
            RunHeads(parameters, sequence, example);
            var dOut = _dOutputs.AsSpan();
            dOut.Clear();
            var window = WindowHeads.Window(_outputs, example.HorizonDays, 0);
            if ((tasks & ModelTasks.Churn) != 0)
            {
                sums.Churn += BernoulliHead.Loss(window.ChurnLogit, example.Churned, out var d);
                AddChurnLogitGradient(window, taskScale[0] * d);
            }

            if ((tasks & ModelTasks.Spend) != 0)
            {
                sums.Spend += ValueLoss(window, ParameterLayout.SpendOffset, example.Spend, taskScale[1]);
            }

            if ((tasks & ModelTasks.Clv) != 0)
            {
                var discounted = WindowHeads.Window(_outputs, example.HorizonDays, _dailyDiscount);
                sums.Clv += ValueLoss(discounted, ParameterLayout.ClvOffset, example.Clv, taskScale[2]);
            }

            sums.Examples++;
            if (withGradient)
            {
                TaskHeads.Backward(_layout, parameters, _z, _dense, dOut, _denseGradient, _dz, gradients);
                var dh = _dhFromHeads.AsSpan(example.Step * hidden, hidden);
                TensorPrimitives.Add(dh, _dz.AsSpan(0, hidden), dh);
            }
        }

        if (withGradient)
        {
            BackwardThroughTime(parameters, sequence, gradients);
        }
    }

    /// <summary>The heads' outputs for one example of <paramref name="sequence"/>, last run through <see cref="RunEncoder"/>.</summary>
    public ReadOnlySpan<float> RunHeads(ReadOnlySpan<float> parameters, TrainingSequence sequence, in TrainingExample example)
    {
        var hidden = _layout.Hidden;
        var h = _h.AsSpan((example.Step + 1) * hidden, hidden);
        _context[0] = example.Recency;
        const int orderValues = TrainingSequenceBuilder.OrderValueInputCount;
        sequence.OrderValueInputs.AsSpan(example.Step * orderValues, orderValues).CopyTo(_context.AsSpan(1));
        TaskHeads.Forward(_layout, parameters, h, _context, _z, _dense, _outputs);
        return _outputs;
    }

    /// <summary>Steps the LSTM over the sequence from a zero state, keeping every state for BPTT.</summary>
    public void RunEncoder(ReadOnlySpan<float> parameters, TrainingSequence sequence)
    {
        var hidden = _layout.Hidden;
        EnsureCapacity(sequence.Steps);
        Array.Clear(_h, 0, hidden);
        Array.Clear(_c, 0, hidden);
        for (var t = 0; t < sequence.Steps; t++)
        {
            var h = _h.AsSpan((t + 1) * hidden, hidden);
            var c = _c.AsSpan((t + 1) * hidden, hidden);
            _h.AsSpan(t * hidden, hidden).CopyTo(h);
            _c.AsSpan(t * hidden, hidden).CopyTo(c);
            LstmCell.Forward(
                _layout,
                parameters,
                sequence.Inputs.AsSpan(t * FeatureEncoder.InputSize, FeatureEncoder.InputSize),
                h,
                c,
                _gates.AsSpan(t * _layout.Gates, _layout.Gates),
                _tanhCell.AsSpan(t * hidden, hidden));
        }
    }

    /// <summary>
    /// The zero-inflated lognormal loss of a value whose zero mass is the churn probability and whose
    /// mu grows with the expected purchase count; the gradient reaches the three rates through the window.
    /// </summary>
    private double ValueLoss(in PurchaseWindow window, int offset, double y, double scale)
    {
        var (logit, mu, logSigma) = WindowHeads.Value(_outputs, window, offset);
        var loss = ZeroInflatedLogNormalHead.Loss(logit, mu, logSigma, y, out var dLogit, out var dMu, out var dLogSigma);
        AddChurnLogitGradient(window, -scale * dLogit);
        _dOutputs[ParameterLayout.LogRate] += (float)(scale * dMu * window.LogCountByLogRate);
        _dOutputs[ParameterLayout.LogDropout] += (float)(scale * dMu * window.LogCountByLogDropout);
        _dOutputs[offset] += (float)(scale * dMu);
        _dOutputs[offset + 1] += (float)(scale * dLogSigma);
        return loss;
    }

    private void AddChurnLogitGradient(in PurchaseWindow window, double dChurnLogit)
    {
        _dOutputs[ParameterLayout.InactiveLogit] += (float)(dChurnLogit * window.ChurnLogitByInactive);
        _dOutputs[ParameterLayout.LogRate] += (float)(dChurnLogit * window.ChurnLogitByLogRate);
        _dOutputs[ParameterLayout.LogDropout] += (float)(dChurnLogit * window.ChurnLogitByLogDropout);
    }

    private void BackwardThroughTime(ReadOnlySpan<float> parameters, TrainingSequence sequence, Span<float> gradients)
    {
        var hidden = _layout.Hidden;
        var dh = _dh.AsSpan();
        var dc = _dc.AsSpan();
        dh.Clear();
        dc.Clear();
        for (var t = sequence.Steps - 1; t >= 0; t--)
        {
            TensorPrimitives.Add(dh, _dhFromHeads.AsSpan(t * hidden, hidden), dh);
            LstmCell.Backward(
                _layout,
                parameters,
                sequence.Inputs.AsSpan(t * FeatureEncoder.InputSize, FeatureEncoder.InputSize),
                _h.AsSpan(t * hidden, hidden),
                _c.AsSpan(t * hidden, hidden),
                _gates.AsSpan(t * _layout.Gates, _layout.Gates),
                _tanhCell.AsSpan(t * hidden, hidden),
                dh,
                dc,
                _preActivation,
                gradients);
        }
    }

    private void EnsureCapacity(int steps)
    {
        var hidden = _layout.Hidden;
        if (_gates.Length >= steps * _layout.Gates)
        {
            return;
        }

        _h = new float[(steps + 1) * hidden];
        _c = new float[(steps + 1) * hidden];
        _gates = new float[steps * _layout.Gates];
        _tanhCell = new float[steps * hidden];
        _dhFromHeads = new float[steps * hidden];
    }
}

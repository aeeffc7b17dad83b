using System.Numerics.Tensors;

namespace Clv.Model.Network;

/// <summary>
/// One LSTM step, shared by scoring and training (Hochreiter &amp; Schmidhuber 1997, forget gate of
/// Gers et al. 2000): a = W x + U h + b, gates [i f g o] = [σ σ tanh σ](a), c' = f⊙c + i⊙g,
/// h' = o⊙tanh(c'). The backward pass beside it differentiates exactly this forward.
/// </summary>
public static class LstmCell
{
    /// <summary>
    /// Advances (h, c) in place by one input. <paramref name="gates"/> (4H) receives the gate
    /// activations and <paramref name="tanhCell"/> (H) receives tanh(c'); training keeps both for
    /// the backward pass, scoring passes scratch.
    /// </summary>
    public static void Forward(
        in ParameterLayout layout,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> x,
        Span<float> h,
        Span<float> c,
        Span<float> gates,
        Span<float> tanhCell)
    {
        var hidden = layout.Hidden;
        var width = layout.Gates;
        gates = gates[..width];
        layout.LstmB.Of(parameters).CopyTo(gates);
        var w = layout.LstmW.Of(parameters);
        for (var j = 0; j < layout.Input; j++)
        {
            TensorPrimitives.MultiplyAdd(w.Slice(j * width, width), x[j], gates, gates);
        }

        var u = layout.LstmU.Of(parameters);
        for (var j = 0; j < hidden; j++)
        {
            TensorPrimitives.MultiplyAdd(u.Slice(j * width, width), h[j], gates, gates);
        }

        Activate(hidden, gates, c, h, tanhCell);
    }

    /// <summary>
    /// Scoring's step: the same cell as <see cref="Forward"/>, with the four gates' pre-activations as one
    /// matrix-vector product over [x, h]. W and U are adjacent input-major blocks of the parameter vector, so
    /// together they are already the one (I+H) x 4H matrix [W; U] and nothing is copied or reordered.
    /// <paramref name="gates"/> is 4H scratch; tanh(c') reuses the candidate's quarter once c' is known.
    /// </summary>
    public static void Step(
        in ParameterLayout layout,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> x,
        Span<float> h,
        Span<float> c,
        Span<float> gates)
    {
        var hidden = layout.Hidden;
        gates = gates[..layout.Gates];
        layout.LstmB.Of(parameters).CopyTo(gates);
        var inputAndRecurrent = parameters.Slice(layout.LstmW.Offset, layout.LstmW.Length + layout.LstmU.Length);
        InputMajorProduct.MultiplyAdd(inputAndRecurrent, x[..layout.Input], h[..hidden], gates);
        Activate(hidden, gates, c, h, gates.Slice(2 * hidden, hidden));
    }

    /// <summary>Gates [i f g o] = [σ σ tanh σ](a) in place, c' = f⊙c + i⊙g, h' = o⊙tanh(c').</summary>
    private static void Activate(int hidden, Span<float> gates, Span<float> c, Span<float> h, Span<float> tanhCell)
    {
        var inputGate = gates[..hidden];
        var forgetGate = gates.Slice(hidden, hidden);
        var candidate = gates.Slice(2 * hidden, hidden);
        var outputGate = gates.Slice(3 * hidden, hidden);
        TensorPrimitives.Sigmoid(gates[..(2 * hidden)], gates[..(2 * hidden)]);
        TensorPrimitives.Tanh(candidate, candidate);
        TensorPrimitives.Sigmoid(outputGate, outputGate);

        c = c[..hidden];
        TensorPrimitives.Multiply(forgetGate, c, c);
        TensorPrimitives.MultiplyAdd(inputGate, candidate, c, c);
        tanhCell = tanhCell[..hidden];
        TensorPrimitives.Tanh(c, tanhCell);
        TensorPrimitives.Multiply(outputGate, tanhCell, h[..hidden]);
    }

    /// <summary>
    /// Backward through one step. On entry <paramref name="dh"/> and <paramref name="dc"/> hold
    /// dL/dh' and dL/dc'; on exit they hold dL/dh and dL/dc of the previous state. Parameter
    /// gradients are accumulated into <paramref name="gradients"/>. <paramref name="preActivation"/>
    /// is 4H scratch.
    /// </summary>
    public static void Backward(
        in ParameterLayout layout,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> previousH,
        ReadOnlySpan<float> previousC,
        ReadOnlySpan<float> gates,
        ReadOnlySpan<float> tanhCell,
        Span<float> dh,
        Span<float> dc,
        Span<float> preActivation,
        Span<float> gradients)
    {
        var hidden = layout.Hidden;
        var width = layout.Gates;
        var da = preActivation[..width];
        for (var k = 0; k < hidden; k++)
        {
            var i = gates[k];
            var f = gates[hidden + k];
            var g = gates[2 * hidden + k];
            var o = gates[3 * hidden + k];
            var t = tanhCell[k];
            var dCell = dc[k] + dh[k] * o * (1 - t * t);
            da[k] = dCell * g * i * (1 - i);
            da[hidden + k] = dCell * previousC[k] * f * (1 - f);
            da[2 * hidden + k] = dCell * i * (1 - g * g);
            da[3 * hidden + k] = dh[k] * t * o * (1 - o);
            dc[k] = dCell * f;
        }

        var db = layout.LstmB.Of(gradients);
        TensorPrimitives.Add(db, da, db);
        var dw = layout.LstmW.Of(gradients);
        for (var j = 0; j < layout.Input; j++)
        {
            var row = dw.Slice(j * width, width);
            TensorPrimitives.MultiplyAdd(da, x[j], row, row);
        }

        var u = layout.LstmU.Of(parameters);
        var du = layout.LstmU.Of(gradients);
        for (var j = 0; j < hidden; j++)
        {
            var row = du.Slice(j * width, width);
            TensorPrimitives.MultiplyAdd(da, previousH[j], row, row);
            dh[j] = TensorPrimitives.Dot(u.Slice(j * width, width), da);
        }
    }
}

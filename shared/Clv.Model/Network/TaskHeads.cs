using System.Numerics.Tensors;

namespace Clv.Model.Network;

/// <summary>
/// The heads: z = [h, context] (context = recency and the order-value inputs, see
/// <see cref="Features.FeatureEncoder.HeadContext"/>), a = tanh(D z + d) (shared dense layer), o = V a + v
/// (the 7 head outputs, see <see cref="ParameterLayout"/>). The horizon is not an input: the outputs
/// are rates, and <see cref="PurchaseWindow"/> turns them into answers for any horizon.
/// </summary>
public static class TaskHeads
{
    /// <summary>Scratch floats a forward pass needs: z, the dense activations and the outputs.</summary>
    public static int ScratchSize(in ParameterLayout layout) => layout.HeadInput + layout.Dense + ParameterLayout.HeadOutputs;

    public static void Forward(
        in ParameterLayout layout,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> h,
        ReadOnlySpan<float> context,
        Span<float> z,
        Span<float> dense,
        Span<float> outputs)
    {
        var width = layout.HeadInput;
        z = z[..width];
        h[..layout.Hidden].CopyTo(z);
        context[..(width - layout.Hidden)].CopyTo(z[layout.Hidden..]);

        var denseW = layout.DenseW.Of(parameters);
        var denseB = layout.DenseB.Of(parameters);
        dense = dense[..layout.Dense];
        for (var k = 0; k < dense.Length; k++)
        {
            dense[k] = denseB[k] + TensorPrimitives.Dot(denseW.Slice(k * width, width), z);
        }

        TensorPrimitives.Tanh(dense, dense);

        var headW = layout.HeadW.Of(parameters);
        var headB = layout.HeadB.Of(parameters);
        for (var m = 0; m < ParameterLayout.HeadOutputs; m++)
        {
            outputs[m] = headB[m] + TensorPrimitives.Dot(headW.Slice(m * dense.Length, dense.Length), dense);
        }
    }

    /// <summary>
    /// Backward from dL/d(outputs) to the parameters (accumulated into <paramref name="gradients"/>)
    /// and to z (written to <paramref name="dz"/>; its first H entries are dL/dh).
    /// <paramref name="denseGradient"/> is scratch of the dense width.
    /// </summary>
    public static void Backward(
        in ParameterLayout layout,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> z,
        ReadOnlySpan<float> dense,
        ReadOnlySpan<float> dOutputs,
        Span<float> denseGradient,
        Span<float> dz,
        Span<float> gradients)
    {
        var width = layout.HeadInput;
        var denseSize = layout.Dense;
        var headW = layout.HeadW.Of(parameters);
        var dHeadW = layout.HeadW.Of(gradients);
        var dHeadB = layout.HeadB.Of(gradients);
        var da = denseGradient[..denseSize];
        da.Clear();
        for (var m = 0; m < ParameterLayout.HeadOutputs; m++)
        {
            var g = dOutputs[m];
            if (g == 0)
            {
                continue;
            }

            dHeadB[m] += g;
            var row = dHeadW.Slice(m * denseSize, denseSize);
            TensorPrimitives.MultiplyAdd(dense[..denseSize], g, row, row);
            TensorPrimitives.MultiplyAdd(headW.Slice(m * denseSize, denseSize), g, da, da);
        }

        var denseW = layout.DenseW.Of(parameters);
        var dDenseW = layout.DenseW.Of(gradients);
        var dDenseB = layout.DenseB.Of(gradients);
        dz = dz[..width];
        dz.Clear();
        for (var k = 0; k < denseSize; k++)
        {
            var g = da[k] * (1 - dense[k] * dense[k]);
            dDenseB[k] += g;
            var row = dDenseW.Slice(k * width, width);
            TensorPrimitives.MultiplyAdd(z[..width], g, row, row);
            TensorPrimitives.MultiplyAdd(denseW.Slice(k * width, width), g, dz, dz);
        }
    }
}

namespace Clv.Model.Network;

/// <summary>A contiguous range of the flat parameter vector.</summary>
public readonly record struct ParameterBlock(int Offset, int Length)
{
    public int End => Offset + Length;

    public ReadOnlySpan<float> Of(ReadOnlySpan<float> parameters) => parameters.Slice(Offset, Length);

    public Span<float> Of(Span<float> parameters) => parameters.Slice(Offset, Length);
}

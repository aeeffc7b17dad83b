using System.Runtime.InteropServices;
using Clv.Benchmarks.Onnx.Proto;
using Clv.Model;
using Clv.Model.Features;
using Clv.Model.Network;
using Google.Protobuf;

namespace Clv.Benchmarks.Onnx;

/// <summary>
/// Writes one scoring step of an <see cref="MtlLstmModel"/> (the LSTM cell of <see cref="LstmCell"/> and the
/// heads of <see cref="TaskHeads"/>) as an ONNX graph of standard operators (opset 13), with the model's
/// weights as initializers: what a team exporting the model to ONNX Runtime would serve.
/// Inputs x [1,I], h [1,H], c [1,H], context [1,3] (recency and the order-value inputs of
/// <see cref="FeatureEncoder.HeadContext"/>); outputs h' and c' [1,H] and the seven raw head outputs
/// [1,7] in <see cref="ParameterLayout"/> order (rates: the horizon enters afterwards, in closed form).
/// </summary>
public static class LstmOnnxGraph
{
    public const string X = "x";
    public const string H = "h";
    public const string C = "c";
    public const string Context = "context";
    public const string HOut = "h_out";
    public const string COut = "c_out";
    public const string Heads = "heads";

    private const long IrVersion = 8;
    private const long Opset = 13;

    public static byte[] Build(MtlLstmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!BitConverter.IsLittleEndian)
        {
            // raw_data must be little-endian; the tensors are copied as the machine stores them.
            throw new PlatformNotSupportedException("The ONNX graph writer needs a little-endian machine.");
        }

        var layout = model.Layout;
        var p = model.Parameters;
        var hidden = layout.Hidden;
        var graph = new GraphProto { Name = "clv_lstm_step" };

        // LSTM matrices are input-major ([I,4H], [H,4H]): a = x W + h U + b with plain MatMul.
        graph.Initializer.Add(FloatTensor("W", layout.LstmW.Of(p), layout.Input, layout.Gates));
        graph.Initializer.Add(FloatTensor("U", layout.LstmU.Of(p), hidden, layout.Gates));
        graph.Initializer.Add(FloatTensor("b", layout.LstmB.Of(p), layout.Gates));
        // Dense and head matrices are output-major ([D, H+3], [7, D]): Gemm with transB.
        graph.Initializer.Add(FloatTensor("DW", layout.DenseW.Of(p), layout.Dense, layout.HeadInput));
        graph.Initializer.Add(FloatTensor("DB", layout.DenseB.Of(p), layout.Dense));
        graph.Initializer.Add(FloatTensor("HW", layout.HeadW.Of(p), ParameterLayout.HeadOutputs, layout.Dense));
        graph.Initializer.Add(FloatTensor("HB", layout.HeadB.Of(p), ParameterLayout.HeadOutputs));
        graph.Initializer.Add(Int64Tensor("gate_sizes", [hidden, hidden, hidden, hidden]));

        graph.Node.Add(Node("MatMul", [X, "W"], ["xW"]));
        graph.Node.Add(Node("MatMul", [H, "U"], ["hU"]));
        graph.Node.Add(Node("Add", ["xW", "hU"], ["a0"]));
        graph.Node.Add(Node("Add", ["a0", "b"], ["a"]));
        graph.Node.Add(Node("Split", ["a", "gate_sizes"], ["a_i", "a_f", "a_g", "a_o"], IntAttribute("axis", 1)));
        graph.Node.Add(Node("Sigmoid", ["a_i"], ["i"]));
        graph.Node.Add(Node("Sigmoid", ["a_f"], ["f"]));
        graph.Node.Add(Node("Tanh", ["a_g"], ["g"]));
        graph.Node.Add(Node("Sigmoid", ["a_o"], ["o"]));
        graph.Node.Add(Node("Mul", ["f", C], ["fc"]));
        graph.Node.Add(Node("Mul", ["i", "g"], ["ig"]));
        graph.Node.Add(Node("Add", ["fc", "ig"], [COut]));
        graph.Node.Add(Node("Tanh", [COut], ["tanh_c"]));
        graph.Node.Add(Node("Mul", ["o", "tanh_c"], [HOut]));
        graph.Node.Add(Node("Concat", [HOut, Context], ["z"], IntAttribute("axis", 1)));
        graph.Node.Add(Node("Gemm", ["z", "DW", "DB"], ["dense_pre"], IntAttribute("transB", 1)));
        graph.Node.Add(Node("Tanh", ["dense_pre"], ["dense"]));
        graph.Node.Add(Node("Gemm", ["dense", "HW", "HB"], [Heads], IntAttribute("transB", 1)));

        graph.Input.Add(Value(X, layout.Input));
        graph.Input.Add(Value(H, hidden));
        graph.Input.Add(Value(C, hidden));
        graph.Input.Add(Value(Context, FeatureEncoder.HeadContextSize));
        graph.Output.Add(Value(HOut, hidden));
        graph.Output.Add(Value(COut, hidden));
        graph.Output.Add(Value(Heads, ParameterLayout.HeadOutputs));

        var onnx = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Clv.Benchmarks",
            DocString = $"One LSTM step and heads of model {model.Version}",
            Graph = graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return onnx.ToByteArray();
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, AttributeProto? attribute = null)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] + "_" + op };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        if (attribute is not null)
        {
            node.Attribute.Add(attribute);
        }

        return node;
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static TensorProto FloatTensor(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static TensorProto Int64Tensor(string name, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes<long>(values)) };
        tensor.Dims.Add(values.Length);
        return tensor;
    }

    /// <summary>A float tensor of shape [1, width] (one customer per call, as the scorer steps them).</summary>
    private static ValueInfoProto Value(string name, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}

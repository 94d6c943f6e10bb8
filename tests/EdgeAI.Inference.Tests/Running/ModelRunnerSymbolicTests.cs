using EdgeAI.Inference.Running;
using EdgeAI.TestKit;
using Google.Protobuf;
using Onnx;

namespace EdgeAI.Inference.Tests.Running;

/// <summary>A one-node model (y = x + x) whose input and output are [batch, 3] with a symbolic batch.</summary>
public sealed class ModelRunnerSymbolicTests
{
    private static string WriteDoubler(TempDirectory dir)
    {
        static ValueInfoProto Tensor(string name)
        {
            var shape = new TensorShapeProto();
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 3 });
            return new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
            };
        }

        var graph = new GraphProto { Name = "doubler" };
        graph.Input.Add(Tensor("x"));
        graph.Output.Add(Tensor("y"));
        var add = new NodeProto { OpType = "Add", Name = "add" };
        add.Input.Add("x");
        add.Input.Add("x");
        add.Output.Add("y");
        graph.Node.Add(add);
        var model = new ModelProto { IrVersion = 8, ProducerName = "edgeai tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        string path = dir.File("doubler.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    [Fact]
    public void Load_SymbolicDimensionWithoutAShape_IsRefusedNamingTensorDimensionAndSymbol()
    {
        using var dir = new TempDirectory();
        string path = WriteDoubler(dir);
        var e = Assert.Throws<InvalidDataException>(() => ModelRunner.Load("doubler", path));
        Assert.Equal($"{path}: model doubler tensor 'x' dimension 0 is symbolic ('batch'); give its shape (the manifest's inputs/outputs or RunnerOptions.Shapes) or allow binding it as 1", e.Message);
    }

    [Fact]
    public void Load_SymbolicDimensionAllowedAsOne_BindsOneAndListsIt()
    {
        using var dir = new TempDirectory();
        using var runner = ModelRunner.Load("doubler", WriteDoubler(dir), runner: new RunnerOptions { BindSymbolicDimensionsAsOne = true });
        Assert.Equal([1L, 3L], runner.Inputs[0].Shape);
        Assert.Equal(["x[0] 'batch' = 1", "y[0] 'batch' = 1"], runner.AssumedDimensions);
        float[] x = [1.5f, -2f, 4f];
        x.CopyTo(runner.Input(0));
        runner.Run();
        Assert.Equal([3f, -4f, 8f], runner.Output(0).ToArray());
    }

    [Fact]
    public void Load_SymbolicDimensionGivenAShape_BindsThatShapeAndAssumesNothing()
    {
        using var dir = new TempDirectory();
        var options = new RunnerOptions();
        options.Shapes["x"] = [2, 3];
        options.Shapes["y"] = [2, 3];
        using var runner = ModelRunner.Load("doubler", WriteDoubler(dir), runner: options);
        Assert.Empty(runner.AssumedDimensions);
        Enumerable.Range(1, 6).Select(i => (float)i).ToArray().CopyTo(runner.Input(0));
        runner.Run();
        Assert.Equal([2f, 4f, 6f, 8f, 10f, 12f], runner.Output(0).ToArray());
    }
}

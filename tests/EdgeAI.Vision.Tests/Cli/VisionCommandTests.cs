using EdgeAI.TestKit;
using Google.Protobuf;
using EdgeAI.Vision.Tests.Faces;

namespace EdgeAI.Vision.Tests.Cli;

public sealed class VisionCommandTests
{
    private static (int ExitCode, string StdOut, string StdErr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = EdgeAI.Cli.Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLineBadInput((int ExitCode, string StdOut, string StdErr) r, params string[] mentions)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StdErr.TrimEnd().Split('\n'));
        foreach (var m in mentions) Assert.Contains(m, r.StdErr);
    }

    [Fact]
    public void Vision_MissingModel_SaysWhichModelWhereAndWhatToRun()
    {
        using var dir = new TempDirectory();
        string model = dir.File("face.onnx");
        var r = Run("vision", dir.File("drive.mp4"), "--model", model);
        AssertOneLineBadInput(r, model, "blazeface-front", "edgeai models fetch");
    }

    [Fact]
    public void Vision_CorruptModel_SaysWhichFileAndWhatToRun()
    {
        using var dir = new TempDirectory();
        string model = dir.File("face.onnx");
        File.WriteAllBytes(model, [0x08, 0x07, 0x12, 0xFF, 0xFF, 0x00, 0x42]);
        string video = dir.File("drive.mp4");
        File.WriteAllBytes(video, [0]);
        var r = Run("vision", video, "--model", model);
        AssertOneLineBadInput(r, model, "edgeai models fetch");
    }

    [Fact]
    public void Vision_ModelThatIsNotBlazeFace_NamesTheTensorItLacks()
    {
        // A valid ONNX model of another shape: y = x + x over [1, 3] floats, no 'input:0'.
        using var dir = new TempDirectory();
        string model = dir.File("other.onnx");
        File.WriteAllBytes(model, Doubler().ToByteArray());
        string video = dir.File("drive.mp4");
        File.WriteAllBytes(video, [0]);
        var r = Run("vision", video, "--model", model);
        AssertOneLineBadInput(r, $"{model}: no tensor 'input:0'; not a BlazeFace 128 model");
    }

    private static Onnx.ModelProto Doubler()
    {
        static Onnx.ValueInfoProto Tensor(string name)
        {
            var shape = new Onnx.TensorShapeProto();
            shape.Dim.Add(new Onnx.TensorShapeProto.Types.Dimension { DimValue = 1 });
            shape.Dim.Add(new Onnx.TensorShapeProto.Types.Dimension { DimValue = 3 });
            return new Onnx.ValueInfoProto
            {
                Name = name,
                Type = new Onnx.TypeProto { TensorType = new Onnx.TypeProto.Types.Tensor { ElemType = (int)Onnx.TensorProto.Types.DataType.Float, Shape = shape } },
            };
        }

        var graph = new Onnx.GraphProto { Name = "doubler" };
        graph.Input.Add(Tensor("x"));
        graph.Output.Add(Tensor("y"));
        var add = new Onnx.NodeProto { OpType = "Add", Name = "add" };
        add.Input.Add("x");
        add.Input.Add("x");
        add.Output.Add("y");
        graph.Node.Add(add);
        var model = new Onnx.ModelProto { IrVersion = 8, ProducerName = "edgeai tests", Graph = graph };
        model.OpsetImport.Add(new Onnx.OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    [Fact]
    public void Vision_TruncatedBlazeFaceFile_IsOneLineBadInputNamingIt()
    {
        // Half a real BlazeFace file: truncated in the middle of its weights.
        string real = BlazeFaceSession.RequireModel();
        using var dir = new TempDirectory();
        string model = dir.File("face.onnx");
        var bytes = File.ReadAllBytes(real);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);
        string video = dir.File("drive.mp4");
        File.WriteAllBytes(video, [0]);
        var r = Run("vision", video, "--model", model);
        AssertOneLineBadInput(r, model);
    }

    [Fact]
    public void Vision_UnknownProvider_IsBadInput()
    {
        var r = Run("vision", "drive.mp4", "--providers", "cuda,npu");
        AssertOneLineBadInput(r, "npu", "tensorrt, cuda, qnn, cpu");
    }

    [Fact]
    public void Vision_UnknownProfile_IsBadInput()
    {
        var r = Run("vision", "drive.mp4", "--profile", "strict");
        AssertOneLineBadInput(r, "strict", "default or regulation");
    }

    [Fact]
    public void Vision_TwoSources_IsBadInput()
    {
        var r = Run("vision", "drive.mp4", "--camera", "/dev/video0");
        AssertOneLineBadInput(r, "exactly one of VIDEO, --camera DEV or --gst PIPELINE");
    }

    [Fact]
    public void Vision_MissingVideo_NamesIt()
    {
        string real = BlazeFaceSession.RequireModel();
        var r = Run("vision", "/nonexistent/drive.mp4", "--model", real);
        AssertOneLineBadInput(r, "/nonexistent/drive.mp4");
    }
}

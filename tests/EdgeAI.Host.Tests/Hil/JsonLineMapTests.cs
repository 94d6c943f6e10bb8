using System.Text;
using EdgeAI.Host.Hil;

namespace EdgeAI.Host.Tests.Hil;

public sealed class JsonLineMapTests
{
    private const string Document = """
        {
          "name": "x",
          "hil": {
            "faults": [
              { "fault": "bus_off",
                "from_s": 1 },
              { "fault": "gps_loss" }
            ]
          }
        }
        """;

    [Theory]
    [InlineData("name", 2)]
    [InlineData("hil", 3)]
    [InlineData("hil.faults", 4)]
    [InlineData("hil.faults[0]", 5)]
    [InlineData("hil.faults[0].fault", 5)]
    [InlineData("hil.faults[0].from_s", 6)]
    [InlineData("hil.faults[1].fault", 7)]
    public void LineOf_MappedPath_IsTheLineItStartsOn(string path, int line) =>
        Assert.Equal(line, new JsonLineMap(Encoding.UTF8.GetBytes(Document)).LineOf(path));

    [Fact]
    public void LineOf_MissingProperty_FallsBackToItsObject() =>
        Assert.Equal(7, new JsonLineMap(Encoding.UTF8.GetBytes(Document)).LineOf("hil.faults[1].to_s"));
}

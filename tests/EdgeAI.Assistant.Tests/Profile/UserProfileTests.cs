using System.Text.Json;
using EdgeAI.Assistant.Profile;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Profile;

public class UserProfileTests
{
    [Fact]
    public void SaveLoad_RoundTrip_KeepsEveryKindsCountsAndItsLearnedBackoff()
    {
        using var folder = new TempDirectory();
        string path = folder.File("profile.json");
        var profile = new UserProfile();
        profile.Accepted("charging");
        profile.Dismissed("food");
        profile.Dismissed("food");
        profile.Dismissed("food");
        profile.Accepted("parking");
        profile.Dismissed("parking");
        profile.Save(path);

        var loaded = UserProfile.Load(path);
        Assert.Equal((1, 0), loaded.Of("charging"));
        Assert.Equal((0, 3), loaded.Of("food"));
        Assert.Equal((1, 1), loaded.Of("parking"));
        Assert.Equal((0, 0), loaded.Of("glosa"));
        Assert.Equal(0, loaded.LearnedBackoff("charging"));
        Assert.Equal(2, loaded.LearnedBackoff("food"));
        Assert.Equal(0, loaded.LearnedBackoff("parking"));

        string again = folder.File("again.json");
        loaded.Save(again);
        Assert.Equal(File.ReadAllText(path), File.ReadAllText(again));
    }

    [Fact]
    public void Save_WritesTheDocumentedShape()
    {
        using var folder = new TempDirectory();
        string path = folder.File("profile.json");
        var profile = new UserProfile();
        profile.Dismissed("food");
        profile.Save(path);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        var food = json.RootElement.GetProperty("kinds").GetProperty("food");
        Assert.Equal(0, food.GetProperty("accepted").GetInt32());
        Assert.Equal(1, food.GetProperty("dismissed").GetInt32());
    }

    [Fact]
    public void Load_NoFile_IsANewUser()
    {
        using var folder = new TempDirectory();
        var profile = UserProfile.Load(folder.File("absent.json"));
        Assert.Equal((0, 0), profile.Of("charging"));
        Assert.Equal(0, profile.LearnedBackoff("charging"));
    }

    [Fact]
    public void Save_IntoAFolderNotThereYet_CreatesIt()
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "edgeai", "user", "profile.json");
        new UserProfile().Save(path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Save_OverAnOldProfile_ReplacesItAndLeavesNoTemporaryFile()
    {
        using var folder = new TempDirectory();
        string path = folder.File("profile.json");
        var first = new UserProfile();
        first.Dismissed("food");
        first.Save(path);
        var second = new UserProfile();
        second.Accepted("charging");
        second.Save(path);

        Assert.Equal([path], Directory.GetFiles(folder.Path));
        var loaded = UserProfile.Load(path);
        Assert.Equal((0, 0), loaded.Of("food"));
        Assert.Equal((1, 0), loaded.Of("charging"));
    }

    [Fact]
    public void Save_WhenTheWriteFails_TheOldProfileIsIntact()
    {
        using var folder = new TempDirectory();
        string path = folder.File("profile.json");
        var old = new UserProfile();
        old.Dismissed("food");
        old.Save(path);
        string before = File.ReadAllText(path);
        Directory.CreateDirectory(path + ".tmp"); // the temporary file cannot be written

        var newer = new UserProfile();
        newer.Accepted("charging");
        var e = Assert.ThrowsAny<Exception>(() => newer.Save(path));
        Assert.True(e is IOException or UnauthorizedAccessException, e.ToString());
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal((0, 1), UserProfile.Load(path).Of("food"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\": 1}")]
    [InlineData("{\"kinds\": []}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"kinds\": {\"food\": 3}}")]
    [InlineData("{\"kinds\": {\"food\": {\"accepted\": 1}}}")]
    [InlineData("{\"kinds\": {\"food\": {\"accepted\": \"one\", \"dismissed\": 0}}}")]
    [InlineData("{\"kinds\": {\"food\": {\"accepted\": 1.5, \"dismissed\": 0}}}")]
    [InlineData("{\"kinds\": {\"food\": {\"accepted\": 1, \"dismissed\": 0}}")]
    public void Load_CorruptFile_InvalidDataExceptionNamingThePath(string text)
    {
        using var folder = new TempDirectory();
        string path = folder.File("profile.json");
        File.WriteAllText(path, text);
        var e = Assert.Throws<InvalidDataException>(() => UserProfile.Load(path));
        Assert.StartsWith(path + ":", e.Message);
    }
}

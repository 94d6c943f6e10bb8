using EdgeAI.Assistant.Drive;
using EdgeAI.Host.State;
using EdgeAI.TestKit;
using Microsoft.Data.Sqlite;

namespace EdgeAI.Host.Tests.State;

public sealed class HostStateTests
{
    private static TimelineEvent Decision(string type, string kind, string id, double at) =>
        new(1_781_257_950_000_000_000 + (long)(at * 1e9), at, type, kind, $"{kind} suggestion") { Ref = id };

    [Fact]
    public void Record_DecisionsAndProfile_SurviveAReopen()
    {
        using var dir = new TempDirectory();
        using (var state = HostState.Open(dir.Path))
        {
            state.StartTrip("Dörpfeldstraße", 52.43597, 13.54285);
            Assert.True(state.Record(Decision("accepted", "charging", "s1", 5.5), trip: null));
            Assert.True(state.Record(Decision("dismissed", "trip", "s2", 171), trip: null));
            Assert.True(state.Record(Decision("dismissed", "trip", "s3", 300), trip: null));
            Assert.False(state.Record(new TimelineEvent(0, 1, "suggestion", "food", "x"), trip: null));
        }

        using var again = HostState.Open(dir.Path);
        Assert.Equal([("accepted", "charging", "s1"), ("dismissed", "trip", "s2"), ("dismissed", "trip", "s3")], again.Decisions());
        var profile = again.LoadProfile();
        Assert.Equal((1, 0), profile.Of("charging"));
        Assert.Equal((0, 2), profile.Of("trip"));
        Assert.Equal(2, profile.LearnedBackoff("trip"));
        Assert.Equal("Dörpfeldstraße", again.Trip("destination"));
        Assert.Equal("ok", again.IntegrityCheck());
    }

    [Fact]
    public void Open_NotADatabase_OneLineNamingTheFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(HostState.FileName), "this is not SQLite, it is a text file that happens to be here\n");
        var e = Assert.Throws<InvalidDataException>(() => HostState.Open(dir.Path));
        Assert.StartsWith($"{dir.File(HostState.FileName)}: not an EdgeAI state database", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Open_NewerSchema_Refused()
    {
        using var dir = new TempDirectory();
        using (HostState.Open(dir.Path)) { }
        using (var db = new SqliteConnection($"Data Source={dir.File(HostState.FileName)};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '2' WHERE key = 'schema'";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => HostState.Open(dir.Path));
        Assert.Contains("state schema 2, expected 1", e.Message);
    }
}

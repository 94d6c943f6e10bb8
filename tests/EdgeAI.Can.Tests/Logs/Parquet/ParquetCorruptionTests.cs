using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs.Parquet;

/// <summary>
/// Damaged Parquet input (bytes flipped anywhere: footer, Thrift headers, compressed pages) is read as frames or refused
/// with one <see cref="CanLogFormatException"/> naming the file and where; never another exception type.
/// </summary>
public sealed class ParquetCorruptionTests
{
    [Fact]
    public void Read_MutatedExport_EveryCaseIsFramesOrOneFormatError()
    {
        using var dir = new TempDirectory();
        string clean = dir.File("drive.parquet");
        using (var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog))
        using (var writer = CanLogFiles.CreateWriter(clean, new CanLogWriteOptions { Channels = reader.Channels }))
        {
            int n = 0;
            while (reader.TryRead(out var frame) && n++ < 70_000) writer.Write(in frame);
            writer.Complete();
        }
        byte[] original = File.ReadAllBytes(clean);
        var random = new Random(19);
        int refused = 0, read = 0;
        var unexpected = new List<string>();
        for (int trial = 0; trial < 120; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            // Half the trials damage the footer and page headers near the end, where Thrift metadata lives.
            int flips = 1 + random.Next(8);
            for (int f = 0; f < flips; f++)
            {
                int at = trial % 2 == 0 ? bytes.Length - 1 - random.Next(Math.Min(2048, bytes.Length)) : random.Next(bytes.Length);
                bytes[at] ^= (byte)(1 << random.Next(8));
            }
            string path = dir.File($"m{trial}.parquet");
            File.WriteAllBytes(path, bytes);
            try
            {
                using var reader = CanLogFiles.OpenReader(path);
                while (reader.TryRead(out _)) { }
                read++;
            }
            catch (CanLogFormatException e)
            {
                refused++;
                Assert.StartsWith(path, e.Message);
                Assert.DoesNotContain('\n', e.Message);
            }
            catch (Exception e)
            {
                unexpected.Add($"trial {trial}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(unexpected);
        Assert.True(refused > 10, $"only {refused} of 120 damaged files were refused ({read} read)");
    }

    [Fact]
    public void Read_TruncatedExport_NamesTheFile()
    {
        using var dir = new TempDirectory();
        string clean = dir.File("drive.parquet");
        using (var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog))
        using (var writer = CanLogFiles.CreateWriter(clean, new CanLogWriteOptions { Channels = reader.Channels }))
        {
            while (reader.TryRead(out var frame)) writer.Write(in frame);
            writer.Complete();
        }
        byte[] bytes = File.ReadAllBytes(clean);
        string cut = dir.File("cut.parquet");
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var e = Assert.Throws<CanLogFormatException>(() => CanLogFiles.OpenReader(cut).Dispose());
        Assert.StartsWith(cut + "@0: expected a Parquet file", e.Message);
    }

    [Fact]
    public async Task Read_FooterWhoseListRunsPastItsEnd_IsRefusedNotAnEndlessLoop()
    {
        // Found by tools/EdgeAI.Fuzz (8 bits flipped in an export of the bundled drive): Parquet.Net alone spins forever on it.
        string damaged = RepoPaths.Get("tests", "EdgeAI.Can.Tests", "Logs", "Parquet", "Damaged", "footer-list-past-end.parquet");
        var read = Task.Run(() => CanLogFiles.OpenReader(damaged).Dispose(), TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<CanLogFormatException>(() => read.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Contains("footer runs past its end", e.Message);
    }
}

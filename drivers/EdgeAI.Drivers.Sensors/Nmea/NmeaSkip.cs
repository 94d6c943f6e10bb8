namespace EdgeAI.Drivers.Sensors.Nmea;

/// <summary>The last line a reader skipped and why; <see cref="Describe"/> turns it into the "expected ..." part of a
/// one-line message (built only when someone asks, so skipping allocates nothing).</summary>
/// <param name="Error">Why it was skipped.</param>
/// <param name="Sentence">The sentence type (<c>GGA</c>, <c>RMC</c>, ...) when known, else empty.</param>
/// <param name="Field">The 1-based field number for <see cref="NmeaError.BadField"/>, the field count found for
/// <see cref="NmeaError.WrongFieldCount"/>, else 0.</param>
public readonly record struct NmeaSkip(NmeaError Error, string Sentence, int Field)
{
    /// <summary>What was expected, e.g. <c>expected 14 fields in GGA, found 12</c>.</summary>
    public string Describe() => Error switch
    {
        NmeaError.NotASentence => "expected an NMEA 0183 sentence ($ttsss,...*hh in ASCII)",
        NmeaError.MissingChecksum => "expected a *hh checksum at the end of the sentence",
        NmeaError.ChecksumMismatch => "expected the *hh checksum to match the XOR of the characters between $ and *",
        NmeaError.WrongFieldCount => $"expected {ExpectedFields(Sentence)} fields in {Sentence}, found {Field}",
        NmeaError.BadField => $"expected {FieldMeaning(Sentence, Field)} in field {Field} of {Sentence}",
        NmeaError.TooLong => $"expected a sentence of at most {NmeaFixAssembler.MaxSentenceLength} characters",
        _ => "nothing wrong",
    };

    private static string ExpectedFields(string sentence) => sentence switch
    {
        "GGA" => "14",
        "RMC" => "11 to 13",
        "VTG" => "8 or 9",
        "GSA" => "17 or 18",
        "GSV" => "3 + 4 per satellite (up to 4), plus an optional signal id,",
        _ => "the defined number of",
    };

    private static string FieldMeaning(string sentence, int field) => (sentence, field) switch
    {
        ("GGA", 1) or ("RMC", 1) => "a UTC time hhmmss.ss",
        ("GGA", 2) or ("RMC", 3) => "a latitude ddmm.mmmm",
        ("GGA", 3) or ("RMC", 4) => "N or S",
        ("GGA", 4) or ("RMC", 5) => "a longitude dddmm.mmmm",
        ("GGA", 5) or ("RMC", 6) => "E or W",
        ("GGA", 6) => "a fix quality 0..8",
        ("GGA", 7) => "a satellite count",
        ("RMC", 2) => "a status A or V",
        ("RMC", 9) => "a UTC date ddmmyy",
        ("GSA", 2) => "a fix mode 1, 2 or 3",
        _ => "a number",
    };
}

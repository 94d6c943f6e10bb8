namespace EdgeAI.Drivers.Simulated;

/// <summary>The trimming parameters a BME280 holds in its NVM (datasheet section 4.2.2), as a simulated chip reports them.</summary>
public sealed record Bme280Calibration(
    ushort T1, short T2, short T3,
    ushort P1, short P2, short P3, short P4, short P5, short P6, short P7, short P8, short P9,
    byte H1, short H2, byte H3, short H4, short H5, sbyte H6)
{
    /// <summary>Temperature and pressure parameters of Bosch's worked example (BMP280 datasheet, section 3.12: with
    /// adc_T = 519888 and adc_P = 415148 it gives 25.08 °C and 100653 Pa); humidity parameters typical of a production
    /// BME280 (the datasheet gives no humidity example).</summary>
    public static Bme280Calibration DatasheetExample { get; } = new(
        27504, 26435, -1000,
        36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
        75, 362, 0, 313, 50, 30);
}

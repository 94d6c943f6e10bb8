using System.Device.I2c;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A BME280 on a simulated I2C bus: the register map of the datasheet (chip id 0x60 at 0xD0, calibration at 0x88..0xA1
/// and 0xE1..0xE7, ctrl_hum 0xF2, status 0xF3, ctrl_meas 0xF4, config 0xF5, data 0xF7..0xFE, reset 0xE0), so a real
/// driver (Iot.Device.Bindings' Bme280) runs its own compensation code on it. A forced-mode write to ctrl_meas
/// "converts": the raw sample set with <see cref="SetRawSample"/> lands in the data registers (0x80000 / 0x8000 for a
/// channel whose oversampling is off, as the chip does) and the mode returns to sleep.
/// </summary>
public sealed class SimulatedBme280 : I2cDevice
{
    private const int ChipId = 0x60;
    private readonly byte[] _registers = new byte[256];
    private readonly Lock _gate = new();
    private int _pointer;
    private int _adcT = 0x80000, _adcP = 0x80000, _adcH = 0x8000;

    /// <summary>A BME280 with <paramref name="calibration"/> at <paramref name="address"/> on bus <paramref name="busId"/>.</summary>
    public SimulatedBme280(Bme280Calibration calibration, int busId = 1, int address = 0x76)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
        _registers[0xD0] = ChipId;
        var c = calibration;
        Put16(0x88, c.T1); Put16(0x8A, (ushort)c.T2); Put16(0x8C, (ushort)c.T3);
        Put16(0x8E, c.P1); Put16(0x90, (ushort)c.P2); Put16(0x92, (ushort)c.P3); Put16(0x94, (ushort)c.P4);
        Put16(0x96, (ushort)c.P5); Put16(0x98, (ushort)c.P6); Put16(0x9A, (ushort)c.P7); Put16(0x9C, (ushort)c.P8);
        Put16(0x9E, (ushort)c.P9);
        _registers[0xA1] = c.H1;
        Put16(0xE1, (ushort)c.H2);
        _registers[0xE3] = c.H3;
        // dig_H4 = E4[7:0] << 4 | E5[3:0]; dig_H5 = E6[7:0] << 4 | E5[7:4] (12-bit signed each)
        _registers[0xE4] = (byte)(c.H4 >> 4);
        _registers[0xE5] = (byte)((c.H4 & 0x0F) | ((c.H5 & 0x0F) << 4));
        _registers[0xE6] = (byte)(c.H5 >> 4);
        _registers[0xE7] = (byte)c.H6;
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Forced conversions done so far.</summary>
    public int Conversions { get; private set; }

    /// <summary>Sets what the next conversion measures: 20-bit temperature and pressure, 16-bit humidity ADC values.</summary>
    public void SetRawSample(int adcT, int adcP, int adcH)
    {
        lock (_gate)
        {
            _adcT = adcT & 0xFFFFF;
            _adcP = adcP & 0xFFFFF;
            _adcH = adcH & 0xFFFF;
        }
    }

    /// <summary>The value of one register (for tests).</summary>
    public byte Register(int address) => _registers[address & 0xFF];

    /// <inheritdoc />
    public override byte ReadByte()
    {
        lock (_gate) return _registers[_pointer++ & 0xFF];
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
            for (var i = 0; i < buffer.Length; i++)
                buffer[i] = _registers[_pointer++ & 0xFF];
    }

    /// <inheritdoc />
    public override void WriteByte(byte value)
    {
        lock (_gate) _pointer = value;
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            if (buffer.Length == 1)
            {
                _pointer = buffer[0];
                return;
            }
            // BME280 writes are (register, value) pairs: no auto-increment (datasheet 6.2.1)
            for (var i = 0; i + 1 < buffer.Length; i += 2)
                WriteRegister(buffer[i], buffer[i + 1]);
        }
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            if (!writeBuffer.IsEmpty) _pointer = writeBuffer[^1];
            for (var i = 0; i < readBuffer.Length; i++)
                readBuffer[i] = _registers[_pointer++ & 0xFF];
        }
    }

    private void WriteRegister(byte register, byte value)
    {
        switch (register)
        {
            case 0xE0:
                if (value == 0xB6) _registers[0xF2] = _registers[0xF4] = _registers[0xF5] = 0;
                break;
            case 0xF2:
            case 0xF5:
                _registers[register] = value;
                break;
            case 0xF4:
                _registers[0xF4] = value;
                var mode = value & 0x03;
                if (mode != 0) Convert();
                // forced mode (01 or 10) returns to sleep once the conversion is done; normal mode (11) stays
                if (mode is 1 or 2) _registers[0xF4] = (byte)(value & 0xFC);
                break;
            default:
                break; // id, calibration, status and data registers are read-only
        }
    }

    private void Convert()
    {
        var ctrlMeas = _registers[0xF4];
        var t = (ctrlMeas >> 5) == 0 ? 0x80000 : _adcT;
        var p = ((ctrlMeas >> 2) & 0x07) == 0 ? 0x80000 : _adcP;
        var h = (_registers[0xF2] & 0x07) == 0 ? 0x8000 : _adcH;
        Put20(0xF7, p);
        Put20(0xFA, t);
        _registers[0xFD] = (byte)(h >> 8);
        _registers[0xFE] = (byte)h;
        Conversions++;
    }

    private void Put16(int at, ushort value)
    {
        _registers[at] = (byte)value;
        _registers[at + 1] = (byte)(value >> 8);
    }

    private void Put20(int at, int value)
    {
        _registers[at] = (byte)(value >> 12);
        _registers[at + 1] = (byte)(value >> 4);
        _registers[at + 2] = (byte)((value & 0x0F) << 4);
    }
}

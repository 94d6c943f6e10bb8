namespace EdgeAI.Services.Energy;

/// <summary>
/// The electric machine's (and inverter's) power loss over motor speed and torque, interpolated bilinearly and clamped
/// at the map's edges. This is how SUMO's MMPEVEM models store the drive: <c>powerLossMap</c> with an rpm axis, a torque
/// axis (negative = recuperating) and one loss in watts per grid point.
/// </summary>
public sealed class MotorLossMap
{
    private readonly double[] _rpm;
    private readonly double[] _torque;
    private readonly double[] _loss; // row-major: _loss[torqueIndex * _rpm.Length + rpmIndex]

    /// <summary>A map over <paramref name="speedsRpm"/> × <paramref name="torquesNm"/> (both strictly increasing);
    /// <paramref name="lossesW"/> holds one row of speeds per torque.</summary>
    public MotorLossMap(IReadOnlyList<double> speedsRpm, IReadOnlyList<double> torquesNm, IReadOnlyList<double> lossesW)
    {
        _rpm = [.. speedsRpm];
        _torque = [.. torquesNm];
        _loss = [.. lossesW];
        if (_rpm.Length < 2 || _torque.Length < 2) throw new ArgumentException("a loss map needs at least two speeds and two torques");
        if (_loss.Length != _rpm.Length * _torque.Length)
            throw new ArgumentException($"a {_rpm.Length}×{_torque.Length} loss map needs {_rpm.Length * _torque.Length} values, got {_loss.Length}");
        for (var i = 1; i < _rpm.Length; i++) if (!(_rpm[i] > _rpm[i - 1])) throw new ArgumentException("loss map speeds must increase");
        for (var i = 1; i < _torque.Length; i++) if (!(_torque[i] > _torque[i - 1])) throw new ArgumentException("loss map torques must increase");
    }

    /// <summary>The speed axis, rpm.</summary>
    public IReadOnlyList<double> SpeedsRpm => _rpm;

    /// <summary>The torque axis, Nm.</summary>
    public IReadOnlyList<double> TorquesNm => _torque;

    /// <summary>The losses, W, one row of <see cref="SpeedsRpm"/> per torque.</summary>
    public IReadOnlyList<double> LossesW => _loss;

    /// <summary>The loss in watts at <paramref name="rpm"/> and <paramref name="torqueNm"/>.</summary>
    public double LossW(double rpm, double torqueNm)
    {
        var (i, fx) = Locate(_rpm, rpm);
        var (j, fy) = Locate(_torque, torqueNm);
        int w = _rpm.Length, r0 = j * w, r1 = (j + 1) * w;
        var low = _loss[r0 + i] + fx * (_loss[r0 + i + 1] - _loss[r0 + i]);
        var high = _loss[r1 + i] + fx * (_loss[r1 + i + 1] - _loss[r1 + i]);
        return low + fy * (high - low);
    }

    private static (int Index, double Fraction) Locate(double[] axis, double x)
    {
        if (x <= axis[0]) return (0, 0);
        if (x >= axis[^1]) return (axis.Length - 2, 1);
        var k = Array.BinarySearch(axis, x);
        if (k >= 0) return k == axis.Length - 1 ? (k - 1, 1) : (k, 0);
        k = ~k - 1;
        return (k, (x - axis[k]) / (axis[k + 1] - axis[k]));
    }
}

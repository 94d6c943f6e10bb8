using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace EdgeAI.Services.Energy;

/// <summary>
/// Reads a <see cref="VehicleProfile"/> from a profile JSON (models/vehicle/*.profile.json) or from a SUMO vType with
/// MMPEVEM parameters (data/emissions/MMPEVEM/*.xml), which has no auxiliary-by-temperature curve or charge curve:
/// those are passed in.
/// </summary>
public static class VehicleProfileReader
{
    /// <summary>Reads a profile JSON.</summary>
    /// <exception cref="VehicleProfileFormatException">a field is missing or out of range (names the file and field).</exception>
    public static VehicleProfile Load(string path)
    {
        VehicleProfileDocument? doc;
        try
        {
            using var stream = File.OpenRead(path);
            doc = JsonSerializer.Deserialize(stream, VehicleProfileJsonContext.Default.VehicleProfileDocument);
        }
        catch (JsonException e) { throw new VehicleProfileFormatException(path, e.Path ?? "$", "not valid profile JSON: " + e.Message); }
        if (doc is null) throw new VehicleProfileFormatException(path, "$", "empty document");
        double Need(double? value, string field, double min = 0) =>
            value is { } v && v > min && double.IsFinite(v) ? v : throw new VehicleProfileFormatException(path, field, value is null ? "missing" : $"{value} is out of range");
        var aux = doc.Auxiliary ?? throw new VehicleProfileFormatException(path, "auxiliary", "missing");
        var curve = doc.ChargeCurve ?? throw new VehicleProfileFormatException(path, "chargeCurve", "missing");
        var points = new (double, double)[curve.Length];
        for (var i = 0; i < curve.Length; i++)
        {
            if (curve[i].Length != 2) throw new VehicleProfileFormatException(path, $"chargeCurve[{i}]", "expected [soc, kW]");
            points[i] = (curve[i][0], curve[i][1]);
        }
        MotorLossMap? map = null;
        if (doc.MotorLossMap is { } m)
        {
            try { map = new MotorLossMap(m.SpeedsRpm ?? [], m.TorquesNm ?? [], m.LossesW ?? []); }
            catch (ArgumentException e) { throw new VehicleProfileFormatException(path, "motorLossMap", e.Message); }
        }
        try
        {
            return new VehicleProfile
            {
                Name = doc.Name ?? throw new VehicleProfileFormatException(path, "name", "missing"),
                MassKg = Need(doc.MassKg, "massKg"),
                RotatingInertiaKgM2 = doc.RotatingInertiaKgM2 ?? 0,
                DragCoefficient = Need(doc.DragCoefficient, "dragCoefficient"),
                FrontalAreaM2 = Need(doc.FrontalAreaM2, "frontalAreaM2"),
                RollingResistance = Need(doc.RollingResistance, "rollingResistance"),
                BatteryKwh = Need(doc.BatteryKwh, "batteryKwh"),
                NominalVoltageV = doc.NominalVoltageV ?? 0,
                InternalResistanceOhm = doc.InternalResistanceOhm ?? 0,
                WheelRadiusM = Need(doc.WheelRadiusM ?? 0.33, "wheelRadiusM"),
                GearRatio = Need(doc.GearRatio ?? 10, "gearRatio"),
                GearEfficiency = Need(doc.GearEfficiency ?? 0.97, "gearEfficiency"),
                DrivetrainEfficiency = Need(doc.DrivetrainEfficiency ?? 0.85, "drivetrainEfficiency"),
                RegenEfficiency = Need(doc.RegenEfficiency ?? 0.7, "regenEfficiency"),
                MaxPowerW = doc.MaxPowerW ?? double.PositiveInfinity,
                MaxTorqueNm = doc.MaxTorqueNm ?? double.PositiveInfinity,
                MaxRecuperationPowerW = doc.MaxRecuperationPowerW ?? double.PositiveInfinity,
                MaxRecuperationTorqueNm = doc.MaxRecuperationTorqueNm ?? double.PositiveInfinity,
                MotorLosses = map,
                Auxiliary = new AuxiliaryLoad(aux.BaseW, aux.ComfortLowC, aux.ComfortHighC, aux.HeatingWPerK, aux.HeatingMaxW, aux.CoolingWPerK, aux.CoolingMaxW),
                ChargeCurve = new ChargeCurve(points),
            };
        }
        catch (ArgumentException e) { throw new VehicleProfileFormatException(path, "chargeCurve", e.Message); }
    }

    /// <summary>
    /// Reads the first vType of a SUMO MMPEVEM vehicle file (its <c>param</c> keys: vehicleMass, airDragCoefficient,
    /// frontSurfaceArea, rollDragCoefficient, maximumBatteryCapacity in Wh, powerLossMap, ...).
    /// <paramref name="auxiliary"/>'s base power is replaced by the file's constantPowerIntake.
    /// </summary>
    /// <exception cref="VehicleProfileFormatException">a parameter is missing or not a number.</exception>
    public static VehicleProfile FromSumoVType(string path, AuxiliaryLoad auxiliary, ChargeCurve chargeCurve)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        string? id = null;
        using (var xml = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element) continue;
                if (xml.Name == "vType") { if (id is not null) break; id = xml.GetAttribute("id"); }
                else if (xml.Name == "param" && id is not null && xml.GetAttribute("key") is { } key) p[key] = xml.GetAttribute("value") ?? "";
            }
        }
        if (id is null) throw new VehicleProfileFormatException(path, "vType", "no <vType> element");
        double Num(string key) => p.TryGetValue(key, out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new VehicleProfileFormatException(path, key, p.ContainsKey(key) ? $"'{p[key]}' is not a number" : "missing");
        return new VehicleProfile
        {
            Name = id,
            MassKg = Num("vehicleMass"),
            RotatingInertiaKgM2 = Num("internalMomentOfInertia"),
            DragCoefficient = Num("airDragCoefficient"),
            FrontalAreaM2 = Num("frontSurfaceArea"),
            RollingResistance = Num("rollDragCoefficient"),
            BatteryKwh = Num("maximumBatteryCapacity") / 1000,
            NominalVoltageV = Num("nominalBatteryVoltage"),
            InternalResistanceOhm = Num("internalBatteryResistance"),
            WheelRadiusM = Num("wheelRadius"),
            GearRatio = Num("gearRatio"),
            GearEfficiency = Num("gearEfficiency"),
            DrivetrainEfficiency = Num("propulsionEfficiency"),
            RegenEfficiency = Num("recuperationEfficiency"),
            MaxPowerW = Num("maximumPower"),
            MaxTorqueNm = Num("maximumTorque"),
            MaxRecuperationPowerW = Num("maximumRecuperationPower"),
            MaxRecuperationTorqueNm = Num("maximumRecuperationTorque"),
            MotorLosses = ParseLossMap(path, p.TryGetValue("powerLossMap", out var map) ? map : throw new VehicleProfileFormatException(path, "powerLossMap", "missing")),
            Auxiliary = auxiliary with { BaseW = Num("constantPowerIntake") },
            ChargeCurve = chargeCurve,
        };
    }

    // "2,1|rpm axis;torque axis|losses": two input dimensions, one output; losses run over rpm fastest
    private static MotorLossMap ParseLossMap(string path, string text)
    {
        var outer = text.Split('|');
        var axes = outer.Length == 3 ? outer[1].Split(';') : [];
        if (outer.Length != 3 || outer[0].Trim() != "2,1" || axes.Length != 2)
            throw new VehicleProfileFormatException(path, "powerLossMap", "expected '2,1|speeds;torques|losses'");
        string[] parts = [outer[0], axes[0], axes[1], outer[2]];
        double[] Row(string s, string what)
        {
            var items = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var values = new double[items.Length];
            for (var i = 0; i < items.Length; i++)
                if (!double.TryParse(items[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                    throw new VehicleProfileFormatException(path, "powerLossMap", $"{what} value {i} '{items[i]}' is not a number");
            return values;
        }
        try { return new MotorLossMap(Row(parts[1], "speed"), Row(parts[2], "torque"), Row(parts[3], "loss")); }
        catch (ArgumentException e) { throw new VehicleProfileFormatException(path, "powerLossMap", e.Message); }
    }
}

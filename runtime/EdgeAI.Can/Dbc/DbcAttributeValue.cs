using System.Globalization;

namespace EdgeAI.Can.Dbc;

/// <summary>
/// An attribute value (<c>BA_</c> or a <c>BA_DEF_DEF_</c> default). Numbers keep their text as written;
/// ENUM values carry both the index and the label.
/// </summary>
public readonly record struct DbcAttributeValue
{
    private DbcAttributeValue(bool isNumber, double number, string text)
    {
        IsNumber = isNumber;
        Number = number;
        Text = text;
    }

    /// <summary>True for INT, HEX, FLOAT and ENUM values (ENUM: <see cref="Number"/> is the index).</summary>
    public bool IsNumber { get; }

    /// <summary>The number, or the ENUM index; NaN for strings.</summary>
    public double Number { get; }

    /// <summary>The string, the ENUM label, or the number as written.</summary>
    public string Text { get; }

    /// <summary>A number as written in the file.</summary>
    public static DbcAttributeValue FromNumber(double number, string text) => new(true, number, text);

    /// <summary>A number, written in invariant culture.</summary>
    public static DbcAttributeValue FromNumber(double number) => new(true, number, number.ToString(CultureInfo.InvariantCulture));

    /// <summary>A string.</summary>
    public static DbcAttributeValue FromString(string text) => new(false, double.NaN, text);

    /// <summary>An ENUM value: its index and label.</summary>
    public static DbcAttributeValue FromEnum(int index, string label) => new(true, index, label);

    /// <inheritdoc />
    public override string ToString() => Text;
}

namespace EdgeAI.Can.Dbc;

/// <summary>How a signal's raw bits become a number (integer unless <c>SIG_VALTYPE_</c> says otherwise).</summary>
public enum DbcValueType
{
    /// <summary>Two's complement or unsigned integer, 1..64 bits.</summary>
    Integer = 0,
    /// <summary>IEEE 754 single precision (<c>SIG_VALTYPE_ ... : 1</c>), 32 bits.</summary>
    Float32 = 1,
    /// <summary>IEEE 754 double precision (<c>SIG_VALTYPE_ ... : 2</c>), 64 bits.</summary>
    Float64 = 2,
}

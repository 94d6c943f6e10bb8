namespace EdgeAI.Can.Dbc;

/// <summary>What kind of object a <c>BA_DEF_</c> attribute applies to.</summary>
public enum DbcAttributeTarget
{
    /// <summary>The whole database (no object keyword).</summary>
    Network,
    /// <summary><c>BU_</c>: a node.</summary>
    Node,
    /// <summary><c>BO_</c>: a message.</summary>
    Message,
    /// <summary><c>SG_</c>: a signal.</summary>
    Signal,
    /// <summary><c>EV_</c>: an environment variable.</summary>
    EnvironmentVariable,
    /// <summary><c>BA_DEF_REL_</c> relations (<c>BU_SG_REL_</c>, <c>BU_BO_REL_</c>, <c>BU_EV_REL_</c>); kept, not applied.</summary>
    Relation,
}

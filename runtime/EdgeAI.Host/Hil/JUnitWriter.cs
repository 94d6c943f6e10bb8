using System.Globalization;
using System.Text;
using System.Xml;

namespace EdgeAI.Host.Hil;

/// <summary>
/// JUnit XML as Jenkins, GitLab and GitHub read it (docs/schemas/junit.xsd): one <c>testsuite</c> per scenario, one
/// <c>testcase</c> per expectation; a failure's message is the observed evidence and its text the observed events.
/// </summary>
public static class JUnitWriter
{
    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<HilScenarioResult> results, DateTimeOffset timestamp)
    {
        using var stream = File.Create(path);
        Write(stream, results, timestamp);
    }

    /// <summary>Writes <paramref name="results"/> to <paramref name="stream"/> (UTF-8).</summary>
    public static void Write(Stream stream, IReadOnlyList<HilScenarioResult> results, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "edgeai hil");
        xml.WriteAttributeString("tests", results.Sum(r => r.Results.Count).ToString(inv));
        xml.WriteAttributeString("failures", results.Sum(r => r.Failed).ToString(inv));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", results.Sum(r => r.Skipped).ToString(inv));
        xml.WriteAttributeString("time", results.Sum(r => r.WallSeconds).ToString("0.000", inv));
        int id = 0;
        foreach (var r in results)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", r.Scenario.Name);
            xml.WriteAttributeString("tests", r.Results.Count.ToString(inv));
            xml.WriteAttributeString("failures", r.Failed.ToString(inv));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", r.Skipped.ToString(inv));
            xml.WriteAttributeString("time", r.WallSeconds.ToString("0.000", inv));
            xml.WriteAttributeString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", inv));
            xml.WriteAttributeString("hostname", Environment.MachineName);
            xml.WriteAttributeString("id", (id++).ToString(inv));
            xml.WriteAttributeString("package", "hil");
            xml.WriteStartElement("properties");
            Property(xml, "scenario", r.Scenario.File);
            foreach (var fault in r.Scenario.Faults) Property(xml, "fault", fault.Describe());
            xml.WriteEndElement();
            for (int i = 0; i < r.Results.Count; i++)
            {
                var x = r.Results[i];
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("name", x.Name);
                xml.WriteAttributeString("classname", "hil." + r.Scenario.Name);
                xml.WriteAttributeString("time", "0");
                switch (x.Outcome)
                {
                    case ExpectationOutcome.Failed:
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", x.Evidence);
                        xml.WriteAttributeString("type", "expectation");
                        xml.WriteString($"{r.Scenario.File}:{r.Scenario.Expectations[i].Line}: {x.Evidence}\nobserved:\n{string.Join('\n', x.Observed)}");
                        xml.WriteEndElement();
                        break;
                    case ExpectationOutcome.Skipped:
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", x.Evidence);
                        xml.WriteEndElement();
                        break;
                    default:
                        xml.WriteElementString("system-out", x.Evidence);
                        break;
                }
                xml.WriteEndElement();
            }
            xml.WriteElementString("system-out", string.Join('\n', r.Notes));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }
}

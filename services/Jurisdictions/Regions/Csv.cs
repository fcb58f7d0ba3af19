using System.Text;

namespace Polri110.Jurisdictions.Regions;

/// <summary>Fields of one RFC 4180 line: the region files quote names such as "Lubuk Pakam I,II" and "Ra""as".</summary>
internal static class Csv
{
    public static IReadOnlyList<string> Fields(string line)
    {
        var fields = new List<string>(3);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

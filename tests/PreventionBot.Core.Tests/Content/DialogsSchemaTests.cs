using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace PreventionBot.Core.Tests.Content;

/// <summary>
/// dialogs/schema/*.schema.json let editors check YAML as they type (dialogs/README.md, "Editor support").
/// These tests keep them honest: every shipped file validates, and each schema lists exactly the keys the
/// loader accepts. The checker below understands only the JSON Schema keywords our schemas use, and fails
/// on any other, so a schema can never rely on something this test does not check.
/// </summary>
public sealed class DialogsSchemaTests
{
    private static readonly string Dialogs = DialogsDirectory.Locate();

    public static TheoryData<string, string> ShippedFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Dialogs, "topics"), "*.yaml").Append(Path.Combine(Dialogs, "system.yaml")))
        {
            data.Add("topic", Path.GetRelativePath(Dialogs, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(Dialogs, "jurisdictions"), "*.yaml"))
        {
            data.Add("jurisdiction", Path.GetRelativePath(Dialogs, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(Dialogs, "spelling"), "*.yaml"))
        {
            data.Add("spelling", Path.GetRelativePath(Dialogs, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_shipped_file_validates_against_its_schema(string schema, string file)
    {
        var errors = Check(schema, File.ReadAllText(Path.Combine(Dialogs, file)));

        Assert.True(errors.Count == 0, file + ":\n" + string.Join("\n", errors));
    }

    [Theory]
    [InlineData("topic", "id: law\nreplys: []\n", "replys")]
    [InlineData("topic", "id: law\nreplies:\n  - id: main\n    text: Hi\n    variants:\n      - for: [teenager]\n        text: Hi\n", "teenager")]
    [InlineData("jurisdiction", "code: XX\nname: X\nbutton: X\nspelling: uk\nservices:\n  s:\n    name: S\n    contact: c\n    audience: all\n    sauce: https://x\n    verified: 2026-01-01\nroles: {}\nlaws: {}\n", "sauce")]
    [InlineData("jurisdiction", "code: XX\nname: X\nbutton: X\nspelling: uk\nservices:\n  s:\n    name: S\n    contact: c\n    audience: all\n    phone: 999\n    source: https://x\n    verified: 2026-01-01\nroles: {}\nlaws: {}\n", "phone")]
    public void The_schema_refuses_what_the_loader_refuses(string schema, string yaml, string expected)
    {
        Assert.Contains(Check(schema, yaml), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_topic_schema_lists_exactly_the_keys_the_loader_reads()
    {
        var defs = Schema("topic").GetProperty("$defs");

        Assert.Equal(Keys<TopicDocument>(), PropertyNames(Schema("topic")));
        Assert.Equal(Keys<ReplyDocument>(), PropertyNames(defs.GetProperty("reply")));
        Assert.Equal(Keys<VariantDocument>(), PropertyNames(defs.GetProperty("variant")));
        Assert.Equal(Keys<ActionDocument>(), PropertyNames(defs.GetProperty("action")));
        Assert.Equal(
            SpeakerRoles.KnownIds.Order(StringComparer.Ordinal),
            defs.GetProperty("variant").GetProperty("properties").GetProperty("for").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_jurisdiction_schema_lists_exactly_the_keys_the_loader_reads()
    {
        var schema = Schema("jurisdiction");
        var defs = schema.GetProperty("$defs");

        Assert.Equal(Keys<JurisdictionDocument>(), PropertyNames(schema));
        Assert.Equal(ContentValidator.ServiceFields.Order(StringComparer.Ordinal), PropertyNames(defs.GetProperty("service")));
        Assert.Equal(ContentValidator.LawFields.Order(StringComparer.Ordinal), PropertyNames(defs.GetProperty("law")));
        Assert.Equal(ContentValidator.FactFields.Order(StringComparer.Ordinal), PropertyNames(defs.GetProperty("fact")));
        Assert.Equal(ContentReader.SpellingFiles.Keys.Order(StringComparer.Ordinal), EnumValues(schema.GetProperty("properties").GetProperty("spelling")));
        Assert.Equal(ContentValidator.Audiences.Order(StringComparer.Ordinal), EnumValues(defs.GetProperty("service").GetProperty("properties").GetProperty("audience")));
    }

    [Fact]
    public void The_spelling_schema_lists_exactly_the_keys_the_loader_reads()
    {
        Assert.Equal(Keys<SpellingDocument>(), PropertyNames(Schema("spelling")));
    }

    [Fact]
    public void Every_schema_modeline_in_dialogs_points_to_a_schema_that_exists()
    {
        var modeline = new Regex(@"^# yaml-language-server: \$schema=(\S+)$", RegexOptions.Multiline);
        var seen = 0;
        foreach (var file in Directory.GetFiles(Dialogs, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (Match m in modeline.Matches(File.ReadAllText(file)))
            {
                seen++;
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, m.Groups[1].Value)), $"{file}: {m.Value}");
            }
        }

        Assert.True(seen > 0, "no file carries a yaml-language-server modeline");
    }

    private static JsonElement Schema(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Dialogs, "schema", name + ".schema.json"))).RootElement;

    private static List<string> Check(string schema, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = Schema(schema);
        var errors = new List<string>();
        new SchemaChecker(root).Check(root, stream.Documents[0].RootNode, "$", errors);
        return errors;
    }

    private static IEnumerable<string> Keys<T>() => typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name))
        .Order(StringComparer.Ordinal);

    private static IEnumerable<string> PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static IEnumerable<string> EnumValues(JsonElement schema) =>
        schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);

    /// <summary>The subset of JSON Schema 2020-12 our schemas use, applied to YAML as a YAML 1.2 editor reads it.</summary>
    private sealed class SchemaChecker(JsonElement root)
    {
        private static readonly HashSet<string> Understood =
        [
            "$schema", "$defs", "$ref", "title", "description", "type", "required", "properties", "additionalProperties",
            "propertyNames", "items", "minItems", "minLength", "enum", "pattern", "anyOf",
        ];

        public void Check(JsonElement schema, YamlNode node, string path, List<string> errors)
        {
            foreach (var keyword in schema.EnumerateObject().Select(p => p.Name).Where(k => !Understood.Contains(k)))
            {
                errors.Add($"{path}: the schema uses '{keyword}', which this test does not check");
            }

            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!["#/$defs/".Length..];
                Check(root.GetProperty("$defs").GetProperty(name), node, path, errors);
            }

            if (schema.TryGetProperty("anyOf", out var anyOf))
            {
                var options = anyOf.EnumerateArray().Select(option =>
                {
                    var found = new List<string>();
                    Check(option, node, path, found);
                    return found;
                }).ToList();
                if (options.All(o => o.Count > 0))
                {
                    errors.Add($"{path}: matches none of the allowed forms ({string.Join("; ", options.Select(o => o[0]))})");
                }
            }

            if (schema.TryGetProperty("enum", out var values)
                && (node is not YamlScalarNode s || !values.EnumerateArray().Any(v => v.GetString() == s.Value)))
            {
                errors.Add($"{path}: '{(node as YamlScalarNode)?.Value}' is not one of {values}");
            }

            if (schema.TryGetProperty("type", out var type))
            {
                CheckType(type.GetString()!, schema, node, path, errors);
            }
        }

        private void CheckType(string type, JsonElement schema, YamlNode node, string path, List<string> errors)
        {
            switch (type, node)
            {
                case ("object", YamlMappingNode map):
                    CheckObject(schema, map, path, errors);
                    break;
                case ("array", YamlSequenceNode list):
                    if (schema.TryGetProperty("minItems", out var min) && list.Children.Count < min.GetInt32())
                    {
                        errors.Add($"{path}: needs at least {min.GetInt32()} item(s)");
                    }

                    if (schema.TryGetProperty("items", out var items))
                    {
                        for (var i = 0; i < list.Children.Count; i++)
                        {
                            Check(items, list.Children[i], $"{path}[{i}]", errors);
                        }
                    }

                    break;
                case ("string", YamlScalarNode scalar) when IsString(scalar):
                    if (schema.TryGetProperty("minLength", out var minLength) && (scalar.Value ?? string.Empty).Length < minLength.GetInt32())
                    {
                        errors.Add($"{path}: is empty");
                    }

                    if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(scalar.Value ?? string.Empty, pattern.GetString()!))
                    {
                        errors.Add($"{path}: '{scalar.Value}' does not match {pattern.GetString()}");
                    }

                    break;
                default:
                    errors.Add($"{path}: must be {type}");
                    break;
            }
        }

        private void CheckObject(JsonElement schema, YamlMappingNode map, string path, List<string> errors)
        {
            var keys = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).ToHashSet(StringComparer.Ordinal);
            foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
            {
                if (!keys.Contains(required))
                {
                    errors.Add($"{path}: lacks '{required}'");
                }
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value!;
                if (schema.TryGetProperty("propertyNames", out var names) && names.TryGetProperty("pattern", out var namePattern)
                    && !Regex.IsMatch(key, namePattern.GetString()!))
                {
                    errors.Add($"{path}: key '{key}' does not match {namePattern.GetString()}");
                }

                if (schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(key, out var property))
                {
                    Check(property, value, $"{path}.{key}", errors);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                {
                    if (additional.ValueKind == JsonValueKind.False)
                    {
                        errors.Add($"{path}: '{key}' is not allowed here");
                    }
                    else if (additional.ValueKind == JsonValueKind.Object)
                    {
                        Check(additional, value, $"{path}.{key}", errors);
                    }
                }
            }
        }

        // As a YAML 1.2 editor sees it: an unquoted 999, true or null is not a string.
        private static bool IsString(YamlScalarNode scalar) =>
            scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain
            || !Regex.IsMatch(scalar.Value ?? string.Empty, @"^(-?[0-9]+(\.[0-9]+)?|true|false|null|~)$");
    }
}

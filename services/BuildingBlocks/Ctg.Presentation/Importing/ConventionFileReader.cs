using System.Globalization;
using Ctg.Signatories.V1;
using Google.Protobuf.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ProtoDate = Ctg.Common.V1.Date;

namespace Ctg.Presentation.Importing;

/// <summary>A convention of a YAML file: what CreateConventionDraft, AddSignatory and SignConvention need, with its line.</summary>
public sealed record ConventionToImport(int Line, CreateConventionDraftRequest Draft, IReadOnlyList<(Signatory Signatory, ProtoDate? SignedOn)> Signatories);

/// <summary>
/// Reads territories, conventions and signatories from YAML (a list of conventions, keys named like the
/// contract's fields) and checks everything that can be checked without the service, every error with
/// its line and field, before anything is sent.
/// </summary>
public static class ConventionFileReader
{
    /// <summary>A conventions file, by its declared type or, without one, by its name.</summary>
    public static bool IsConventionFile(string path, string? declaredType) =>
        declaredType == "conventions" || (declaredType is null && System.IO.Path.GetFileNameWithoutExtension(path).ToLowerInvariant() is var name
            && (name.Contains("convention") || name.Contains("territoire") || name.Contains("signatai")));

    public static IReadOnlyList<ConventionToImport> Read(string path, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ImportFileException($"Le fichier « {path} » n'est pas un YAML valide : rien n'a été importé.",
                [$"ligne {e.Start.Line}, colonne {e.Start.Column} : {e.Message}"]);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            throw new ImportFileException($"Le fichier « {path} » doit contenir une liste de conventions (« - convention_id: … »).");
        }

        var errors = new List<string>();
        var result = new List<ConventionToImport>();
        var seen = new Dictionary<string, int>();
        foreach (var node in list.Children)
        {
            var line = (int)node.Start.Line;
            if (node is not YamlMappingNode c)
            {
                errors.Add($"ligne {line} : une convention est une suite « champ: valeur »");
                continue;
            }
            var reader = new NodeReader(c, errors);
            var draft = new CreateConventionDraftRequest
            {
                ConventionId = reader.Required("convention_id"),
                CafDepartement = reader.Required("caf_departement"),
                Name = reader.Required("name"),
                Period = new Period { Start = reader.Date("start", required: true), End = reader.Date("end", required: true) },
                Territory = new Territory(),
            };
            if (draft.ConventionId.Length > 0 && !seen.TryAdd(draft.ConventionId, line))
            {
                errors.Add($"ligne {line}, champ « convention_id » : « {draft.ConventionId} » figure déjà ligne {seen[draft.ConventionId]}");
            }
            foreach (var (fieldLine, text) in reader.Scalars("fields"))
            {
                if (EnumValue<FieldOfIntervention>(EnumOf("FieldOfIntervention"), "FIELD_OF_INTERVENTION_", text) is { } field) draft.Fields.Add(field);
                else errors.Add($"ligne {fieldLine}, champ « fields » : « {text} » n'est pas un champ d'intervention ({Names(EnumOf("FieldOfIntervention"), "FIELD_OF_INTERVENTION_")})");
            }
            foreach (var commune in reader.Mappings("communes", required: true))
            {
                var cr = new NodeReader(commune, errors, "communes.");
                var item = new Commune { InseeCode = cr.Required("insee_code"), Name = cr.Required("name"), PopulationYear = cr.Int("population_year") ?? 0 };
                if (cr.Long("legal_population") is { } population) item.LegalPopulation = population;
                draft.Territory.Communes.Add(item);
            }

            var signatories = new List<(Signatory, ProtoDate?)>();
            foreach (var s in reader.Mappings("signatories", required: true))
            {
                var sr = new NodeReader(s, errors, "signatories.");
                var signatory = new Signatory
                {
                    SignatoryId = sr.Optional("signatory_id"),
                    Name = sr.Required("name"),
                    CommuneInseeCode = sr.Optional("commune_insee_code"),
                    Siren = sr.Optional("siren"),
                };
                var kindText = sr.Required("kind");
                if (kindText.Length > 0)
                {
                    if (EnumValue<SignatoryKind>(EnumOf("SignatoryKind"), "SIGNATORY_KIND_", kindText) is { } kind) signatory.Kind = kind;
                    else errors.Add($"ligne {sr.LineOf("kind")}, champ « signatories.kind » : « {kindText} » n'est pas un type de signataire ({Names(EnumOf("SignatoryKind"), "SIGNATORY_KIND_")})");
                }
                foreach (var r in sr.Mappings("representatives", required: false))
                {
                    var rr = new NodeReader(r, errors, "signatories.representatives.");
                    signatory.Representatives.Add(new Representative { FullName = rr.Required("full_name"), Role = rr.Optional("role") });
                }
                if (sr.Mapping("deliberation") is { } d)
                {
                    var dr = new NodeReader(d, errors, "signatories.deliberation.");
                    signatory.Deliberation = new Deliberation
                    {
                        Body = dr.Required("body"),
                        Date = dr.Date("date", required: true),
                        Number = dr.Optional("number"),
                        MembersInOffice = dr.Int("members_in_office") ?? 0,
                        MembersPresent = dr.Int("members_present") ?? 0,
                        MembersRepresented = dr.Int("members_represented") ?? 0,
                        VotesFor = dr.Int("votes_for") ?? 0,
                        VotesAgainst = dr.Int("votes_against") ?? 0,
                        VotesAbstaining = dr.Int("votes_abstaining") ?? 0,
                    };
                }
                signatories.Add((signatory, sr.Date("signed_on", required: false)));
            }
            reader.RejectUnknown("convention_id", "caf_departement", "name", "start", "end", "fields", "communes", "signatories");
            result.Add(new ConventionToImport(line, draft, signatories));
        }

        if (errors.Count > 0)
        {
            throw new ImportFileException($"Le fichier « {path} » contient {errors.Count} erreur(s) : rien n'a été importé.", errors);
        }
        return result;
    }

    private static EnumDescriptor EnumOf(string name) => SignatoriesReflection.Descriptor.EnumTypes.Single(e => e.Name == name);

    private static T? EnumValue<T>(EnumDescriptor descriptor, string prefix, string text) where T : struct, Enum
    {
        var value = descriptor.FindValueByName(prefix + text.Trim().Replace('-', '_').ToUpperInvariant());
        return value is null || value.Number == 0 ? null : (T)(object)value.Number;
    }

    private static string Names(EnumDescriptor descriptor, string prefix) =>
        string.Join(", ", descriptor.Values.Where(v => v.Number != 0).Select(v => v.Name[prefix.Length..].ToLowerInvariant()));

    /// <summary>Reads the fields of one YAML mapping, recording each problem with its line and field.</summary>
    private sealed class NodeReader(YamlMappingNode node, List<string> errors, string prefix = "")
    {
        private YamlNode? Node(string key) =>
            node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && k.Value == key).Value;

        public long LineOf(string key) => (Node(key) ?? node).Start.Line;

        private void Error(YamlNode at, string key, string message) => errors.Add($"ligne {at.Start.Line}, champ « {prefix}{key} » : {message}");

        public string Optional(string key) => Node(key) switch
        {
            null => "",
            YamlScalarNode s => s.Value ?? "",
            var other => Fail(other, key),
        };

        private string Fail(YamlNode at, string key)
        {
            Error(at, key, "une valeur simple est attendue");
            return "";
        }

        public string Required(string key)
        {
            var value = Optional(key);
            if (value.Trim().Length == 0) Error(Node(key) ?? node, key, "obligatoire");
            return value.Trim();
        }

        public int? Int(string key)
        {
            var text = Optional(key);
            if (text.Length == 0) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
            Error(Node(key)!, key, $"un nombre entier est attendu, reçu « {text} »");
            return null;
        }

        public long? Long(string key)
        {
            var text = Optional(key).Replace(" ", "").Replace("\u00A0", "");
            if (text.Length == 0) return null;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
            Error(Node(key)!, key, $"un nombre entier est attendu, reçu « {text} »");
            return null;
        }

        /// <summary>2025-12-31 or 31/12/2025.</summary>
        public ProtoDate? Date(string key, bool required)
        {
            var text = Optional(key).Trim();
            if (text.Length == 0)
            {
                if (required) Error(Node(key) ?? node, key, "date obligatoire (31/12/2025 ou 2025-12-31)");
                return null;
            }
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new ProtoDate { Year = date.Year, Month = date.Month, Day = date.Day };
            }
            Error(Node(key)!, key, $"date invalide « {text} » (31/12/2025 ou 2025-12-31)");
            return null;
        }

        public IEnumerable<(int Line, string Text)> Scalars(string key)
        {
            switch (Node(key))
            {
                case null: yield break;
                case YamlSequenceNode items:
                    foreach (var item in items)
                    {
                        if (item is YamlScalarNode s) yield return ((int)s.Start.Line, s.Value ?? "");
                        else Error(item, key, "une valeur simple est attendue");
                    }
                    break;
                case var other:
                    Error(other, key, "une liste est attendue");
                    break;
            }
        }

        public YamlMappingNode? Mapping(string key)
        {
            var value = Node(key);
            if (value is null or YamlMappingNode) return value as YamlMappingNode;
            Error(value, key, "une suite « champ: valeur » est attendue");
            return null;
        }

        public IReadOnlyList<YamlMappingNode> Mappings(string key, bool required)
        {
            var value = Node(key);
            if (value is YamlSequenceNode items && items.Children.Count > 0)
            {
                var mappings = new List<YamlMappingNode>();
                foreach (var item in items)
                {
                    if (item is YamlMappingNode m) mappings.Add(m);
                    else Error(item, key, "chaque élément est une suite « champ: valeur »");
                }
                return mappings;
            }
            if (value is not null and not YamlSequenceNode) Error(value, key, "une liste est attendue");
            else if (required) Error(value ?? node, key, "au moins un élément est obligatoire");
            return [];
        }

        public void RejectUnknown(params string[] known)
        {
            foreach (var (k, _) in node.Children)
            {
                if (k is YamlScalarNode s && !known.Contains(s.Value)) Error(k, s.Value ?? "", $"champ inconnu (champs admis : {string.Join(", ", known)})");
            }
        }
    }
}

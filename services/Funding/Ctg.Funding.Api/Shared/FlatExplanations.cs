using Ctg.Funding.Api.Storage;
using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Shared;

/// <summary>
/// A run's explanation trees in and out of their stored form (<see cref="StoredRun"/>): each distinct string and
/// parameter value once, the nodes flat in preorder with their number of children. Reading gives back trees equal to
/// those written, field for field.
/// </summary>
internal static class FlatExplanations
{
    /// <summary>Takes the trees off <paramref name="run"/> into <paramref name="stored"/>; <see cref="PutBack"/> restores them.</summary>
    public static (Explanation?[] Groups, Explanation?[] Structures) TakeOff(AllocationRun run, StoredRun stored)
    {
        var writer = new Writer(stored);
        var groups = new Explanation?[run.Groups.Count];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = run.Groups[i].Explanation;
            stored.GroupRoots.Add(writer.Tree(groups[i]));
            run.Groups[i].Explanation = null;
        }

        var structures = new Explanation?[run.Structures.Count];
        for (var i = 0; i < structures.Length; i++)
        {
            structures[i] = run.Structures[i].Explanation;
            stored.StructureRoots.Add(writer.Tree(structures[i]));
            run.Structures[i].Explanation = null;
        }

        return (groups, structures);
    }

    public static void PutBack(AllocationRun run, (Explanation?[] Groups, Explanation?[] Structures) trees)
    {
        for (var i = 0; i < trees.Groups.Length; i++) run.Groups[i].Explanation = trees.Groups[i];
        for (var i = 0; i < trees.Structures.Length; i++) run.Structures[i].Explanation = trees.Structures[i];
    }

    /// <summary>The run of <paramref name="stored"/> with its trees rebuilt.</summary>
    public static AllocationRun Read(StoredRun stored)
    {
        var run = stored.Run ?? throw new InvalidDataException("Stored allocation run without its run.");
        if (stored.GroupRoots.Count != run.Groups.Count || stored.StructureRoots.Count != run.Structures.Count)
        {
            throw new InvalidDataException("Stored allocation run whose explanation roots do not match its groups and structures.");
        }

        for (var i = 0; i < run.Groups.Count; i++) run.Groups[i].Explanation = Tree(stored, stored.GroupRoots[i]);
        for (var i = 0; i < run.Structures.Count; i++) run.Structures[i].Explanation = Tree(stored, stored.StructureRoots[i]);
        return run;
    }

    private static Explanation? Tree(StoredRun stored, uint root)
    {
        if (root == 0) return null;
        var next = (int)root - 1;
        return Node(stored, ref next);
    }

    private static Explanation Node(StoredRun stored, ref int next)
    {
        var node = stored.Nodes[next++];
        var strings = stored.Strings;
        var explanation = new Explanation
        {
            RuleId = strings[(int)node.RuleId],
            Formula = strings[(int)node.Formula],
            ExactResult = strings[(int)node.ExactResult],
            ResultUnit = strings[(int)node.ResultUnit],
            Rounding = strings[(int)node.Rounding],
            Note = strings[(int)node.Note],
        };
        for (var i = 0; i + 2 < node.Inputs.Count; i += 3)
        {
            explanation.Inputs.Add(new ExplanationInput
            {
                Name = strings[(int)node.Inputs[i]], Value = strings[(int)node.Inputs[i + 1]], Unit = strings[(int)node.Inputs[i + 2]],
            });
        }

        // Parameter values are shared between trees in the stored form; each tree gets its own copy, as computed.
        foreach (var parameter in node.Parameters) explanation.Parameters.Add(stored.Parameters[(int)parameter].Clone());
        for (var i = 0; i + 1 < node.Decisions.Count; i += 2)
        {
            explanation.Decisions.Add(new Decision { Id = strings[(int)node.Decisions[i]], Text = strings[(int)node.Decisions[i + 1]] });
        }

        for (var i = 0; i < node.Children; i++) explanation.Children.Add(Node(stored, ref next));
        return explanation;
    }

    private sealed class Writer
    {
        private readonly StoredRun _stored;
        private readonly Dictionary<string, uint> _strings = new(StringComparer.Ordinal);
        private readonly Dictionary<ParameterValueUsed, uint> _parameters = [];

        public Writer(StoredRun stored)
        {
            _stored = stored;
            String("");
        }

        public uint Tree(Explanation? root)
        {
            if (root is null) return 0;
            var index = (uint)_stored.Nodes.Count + 1;
            Node(root);
            return index;
        }

        private void Node(Explanation e)
        {
            var node = new StoredExplanation
            {
                RuleId = String(e.RuleId), Formula = String(e.Formula), ExactResult = String(e.ExactResult),
                ResultUnit = String(e.ResultUnit), Rounding = String(e.Rounding), Note = String(e.Note),
                Children = (uint)e.Children.Count,
            };
            foreach (var input in e.Inputs)
            {
                node.Inputs.Add(String(input.Name));
                node.Inputs.Add(String(input.Value));
                node.Inputs.Add(String(input.Unit));
            }

            foreach (var parameter in e.Parameters) node.Parameters.Add(Parameter(parameter));
            foreach (var decision in e.Decisions)
            {
                node.Decisions.Add(String(decision.Id));
                node.Decisions.Add(String(decision.Text));
            }

            _stored.Nodes.Add(node);
            foreach (var child in e.Children) Node(child);
        }

        private uint String(string value)
        {
            if (!_strings.TryGetValue(value, out var index))
            {
                index = (uint)_stored.Strings.Count;
                _strings.Add(value, index);
                _stored.Strings.Add(value);
            }

            return index;
        }

        private uint Parameter(ParameterValueUsed value)
        {
            if (!_parameters.TryGetValue(value, out var index))
            {
                index = (uint)_stored.Parameters.Count;
                _parameters.Add(value, index);
                _stored.Parameters.Add(value);
            }

            return index;
        }
    }
}

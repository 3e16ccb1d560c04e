using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// Builds the chain of ML.NET's own savable transformers that stands in for one of our components inside a model zip
/// (third-party assemblies cannot write their own zip entries: ML.NET keeps the savers internal). The chain carries the
/// component's payload in a value-mapping table, runs the component per row through a packed custom mapping, cuts
/// the packed output into typed columns and drops every temporary column.
/// </summary>
internal sealed class SurrogateChainBuilder
{
    private readonly MLContext _ml;
    private readonly List<ITransformer> _parts = new();
    private IDataView _view;

    public SurrogateChainBuilder(MLContext ml, DataViewSchema inputSchema)
    {
        _ml = ml;
        _view = new SchemaOnlyDataView(inputSchema);
    }

    public DataViewSchema Schema => _view.Schema;

    /// <summary>The model id <see cref="AddPayload"/> added.</summary>
    public string ModelId { get; private set; } = "";

    public SurrogateChainBuilder Append(IEstimator<ITransformer> estimator) => Append(estimator.Fit(_view));

    public SurrogateChainBuilder Append(ITransformer transformer)
    {
        _parts.Add(transformer);
        _view = transformer.Transform(_view);
        return this;
    }

    /// <summary>Adds the model id and payload columns for <paramref name="modelId"/>.</summary>
    public SurrogateChainBuilder AddPayload(string modelId, byte[] payload)
    {
        ModelId = modelId;
        var ids = _ml.Data.LoadFromEnumerable(new[] { new ModelIdEntry { Key = 0, Value = modelId } });
        var payloads = _ml.Data.LoadFromEnumerable(new[] { new PayloadEntry { Key = modelId, Value = payload } });
        Append(_ml.Transforms.CustomMapping(new AnchorMapping().GetMapping(), AnchorMapping.ContractName));
        Append(_ml.Transforms.Conversion.MapValue(SurrogateColumns.ModelId, ids, ids.Schema["Key"], ids.Schema["Value"], SurrogateColumns.Anchor));
        Append(_ml.Transforms.CustomMapping(new PayloadRequestMapping().GetMapping(), PayloadRequestMapping.ContractName));
        return Append(_ml.Transforms.Conversion.MapValue(SurrogateColumns.Payload, payloads, payloads.Schema["Key"], payloads.Schema["Value"], SurrogateColumns.PayloadKey));
    }

    /// <summary>
    /// A constant float column: a value-mapping table from the model id (added by <see cref="AddPayload"/>) to
    /// <paramref name="value"/>, so a stateless custom mapping can read a setting of this model.
    /// </summary>
    public SurrogateChainBuilder AddConstant(string outputColumn, string modelId, float value)
    {
        var table = _ml.Data.LoadFromEnumerable(new[] { new ConstantEntry { Key = modelId, Value = value } });
        return Append(_ml.Transforms.Conversion.MapValue(outputColumn, table, table.Schema["Key"], table.Schema["Value"], SurrogateColumns.ModelId));
    }

    /// <summary>Copies a user column to the fixed name (a <see cref="SurrogateColumns"/> input) a packed mapping reads.</summary>
    public SurrogateChainBuilder CopyInput(string userColumn, string surrogateColumn)
    {
        if (Schema.GetColumnOrNull(userColumn) is null)
            throw new ArgumentOutOfRangeException(nameof(userColumn), $"Input column '{userColumn}' not found.");
        return Append(_ml.Transforms.CopyColumns(surrogateColumn, userColumn));
    }

    /// <summary>
    /// Adds the packed mapping of <paramref name="family"/>, bound to the fitted transformer's <paramref name="lease"/>;
    /// returns its tier (the packed vector length).
    /// </summary>
    public int AddPackedMapping(string family, int packedLength, ModelLease lease)
    {
        var factory = PackedMappingCatalog.Create(family, packedLength);
        Append(factory.CreateEstimator(_ml, lease));
        return factory.Tier;
    }

    /// <summary>Cuts <paramref name="length"/> floats starting at <paramref name="start"/> out of the packed column.</summary>
    public SurrogateChainBuilder AddSlice(int tier, int start, int length, string outputColumn)
    {
        if (length <= 0 || start < 0 || start + length > tier)
            throw new ArgumentOutOfRangeException(nameof(length), $"Slice [{start}, {start + length}) does not fit in {tier} values.");
        // The count-based selector keeps the slots that are non-zero in at least one row: fitted on a single template
        // row with ones in the wanted range, it becomes a fixed slot cut that ML.NET can save and load.
        var template = new float[tier];
        template.AsSpan(start, length).Fill(1f);
        var definition = SchemaDefinition.Create(typeof(TemplateRow));
        definition[0].ColumnName = SurrogateColumns.Packed;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, tier);
        var templateView = _ml.Data.LoadFromEnumerable(new[] { new TemplateRow { Values = template } }, definition);
        var selector = _ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(outputColumn, SurrogateColumns.Packed, count: 1).Fit(templateView);
        return Append(selector);
    }

    /// <summary>Turns a text column of class names into a key column whose key values are <paramref name="keys"/>.</summary>
    public SurrogateChainBuilder AddKeyFromText(string outputColumn, string textColumn, IReadOnlyList<string> keys)
    {
        var keyData = _ml.Data.LoadFromEnumerable(keys.Select(k => new KeyEntry { Value = k }));
        return Append(_ml.Transforms.Conversion.MapValueToKey(outputColumn, textColumn, keyData: keyData));
    }

    /// <summary>
    /// Builds the declared output columns out of the packed column and the mapping's texts, in
    /// <paramref name="order"/>, then copies each to the user's name, in declaration order.
    /// </summary>
    public SurrogateChainBuilder AddOutputs(int tier, IReadOnlyList<OutputColumn> columns, IReadOnlyList<string> classNames, ChainStageOrder order)
    {
        // OrderBy is stable: packed slices first, each group in declaration order.
        var stages = order == ChainStageOrder.PackedFirst ? columns.OrderBy(c => c is PackedOutput ? 0 : 1) : columns.AsEnumerable();
        foreach (var column in stages)
        {
            switch (column)
            {
                case PackedOutput packed:
                    AddSlice(tier, packed.Offset, packed.Length, packed.ChainColumn);
                    break;
                case ClassKeyOutput key:
                    AddKeyFromText(key.ChainColumn, key.TextSlot == 0 ? SurrogateColumns.Text : SurrogateColumns.Text2, classNames);
                    break;
                case DerivedOutput derived:
                    derived.AppendStages(this);
                    break;
            }
        }
        foreach (var column in columns)
            Copy(column.Name, column.ChainColumn);
        return this;
    }

    public SurrogateChainBuilder Copy(string outputColumn, string inputColumn) =>
        Append(_ml.Transforms.CopyColumns(outputColumn, inputColumn));

    /// <summary>Drops every temporary column and returns the chain.</summary>
    public TransformerChain<ITransformer> Build()
    {
        var temporary = Schema.Where(c => !c.IsHidden && c.Name.StartsWith(SurrogateColumns.Prefix, StringComparison.Ordinal))
            .Select(c => c.Name).Distinct().ToArray();
        if (temporary.Length > 0)
            Append(_ml.Transforms.DropColumns(temporary));
        return new TransformerChain<ITransformer>(_parts.ToArray());
    }

    private sealed class ModelIdEntry
    {
        public uint Key { get; set; }

        public string Value { get; set; } = "";
    }

    private sealed class PayloadEntry
    {
        public string Key { get; set; } = "";

        public byte[] Value { get; set; } = Array.Empty<byte>();
    }

    private sealed class ConstantEntry
    {
        public string Key { get; set; } = "";

        public float Value { get; set; }
    }

    private sealed class KeyEntry
    {
        public string Value { get; set; } = "";
    }

    private sealed class TemplateRow
    {
        public float[] Values { get; set; } = Array.Empty<float>();
    }
}

namespace HideAndSeek.GapClassifier;

/// <summary>The arithmetic of the network's convolutions while <see cref="GapClassifierTrainer"/> trains.</summary>
public enum TrainingPrecision
{
    /// <summary>float32 everywhere (the default).</summary>
    Float32,

    /// <summary>
    /// Mixed precision, as PyTorch's <c>torch.autocast("cpu", torch.bfloat16)</c>: the weights, the gradients, the
    /// optimiser, batch norm, pooling and the loss stay float32; every convolution reads bfloat16 copies of its input and
    /// weights and accumulates in float32. Needs a CPU with AVX512-BF16 or AMX (or a CUDA device); the trainer refuses
    /// it elsewhere. Scoring a trained model is always float32.
    /// </summary>
    BFloat16,
}

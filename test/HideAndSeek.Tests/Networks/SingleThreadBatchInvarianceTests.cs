using HideAndSeek.Networks;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Torch;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

/// <summary>
/// Needs torch's intra-op thread count at 1, which is process-wide state, so the check runs in a child process. In the
/// test host, set_num_threads(1) leaked: every OS thread that first touches torch while the count is 1 keeps one
/// thread for good (libtorch initialises each thread's OpenMP count lazily from the global one), and the other batch
/// invariance tests then ran on whatever count their thread had picked up.
/// </summary>
public class SingleThreadBatchInvarianceTests
{
    [Fact]
    public void With_one_thread_1x1_convolutions_give_the_same_features_below_and_above_a_batch_of_16()
    {
        var (code, output) = TestProcess.Run("single-thread-batch-invariance");
        Assert.True(code == 0, output);
    }

    /// <summary>The check itself, for <see cref="TestProcess"/>: 0 when batch invariant, 1 with the reason otherwise.</summary>
    internal static int RunInThisProcess()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu, threads: 1);
        if (get_num_threads() != 1)
        {
            Console.Error.WriteLine($"expected one thread, got {get_num_threads()}");
            return 1;
        }
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.CustomNetGap);
        net.eval();
        using var noGrad = no_grad();
        var batch = Pixels(16, 64, 64);
        foreach (int chunk in new[] { 4, 1 })
        {
            if (!Same(net.FeatureMap(batch), BatchInvarianceTests.InChunks(net, batch, chunk)))
            {
                Console.Error.WriteLine($"features of a batch of 16 differ from those in chunks of {chunk} with one thread");
                return 1;
            }
        }
        return 0;
    }
}

using HideAndSeek.Networks;
using HideAndSeek.Torch;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

/// <summary>Changes the process-wide thread count, so it runs with nothing beside it.</summary>
[Collection(TorchProcessStateCollection.Name)]
public class SingleThreadBatchInvarianceTests
{
    [Fact]
    public void With_one_thread_1x1_convolutions_give_the_same_features_below_and_above_a_batch_of_16()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            using var scope = NewDisposeScope();
            using var net = Create(GapArchitecture.CustomNetGap);
            net.eval();
            using var noGrad = no_grad();
            var batch = Pixels(16, 64, 64);

            Assert.True(Same(net.FeatureMap(batch), BatchInvarianceTests.InChunks(net, batch, 4)));
            Assert.True(Same(net.FeatureMap(batch), BatchInvarianceTests.InChunks(net, batch, 1)));
        }
        finally
        {
            set_num_threads(threads);
        }
    }
}

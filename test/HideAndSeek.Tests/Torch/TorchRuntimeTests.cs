using HideAndSeek.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Torch;

public class TorchRuntimeTests
{
    [Fact]
    public void Cpu_device_runs_a_convolution_forward_and_backward()
    {
        var device = TorchRuntime.Initialize(TorchDevice.Cpu);
        Assert.Equal(DeviceType.CPU, device.type);
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(3, 4, 3, padding: 1);
        var x = randn(2, 3, 8, 8, requires_grad: true);
        var y = conv.forward(x);
        Assert.Equal(new long[] { 2, 4, 8, 8 }, y.shape);
        y.sum().backward();
        Assert.NotNull(conv.weight!.grad);
        Assert.True(conv.weight.grad!.abs().sum().item<float>() > 0);
        Assert.Equal(x.shape, x.grad!.shape);
    }

    [Fact]
    public void Auto_device_falls_back_to_cpu_without_cuda()
    {
        var device = TorchRuntime.Initialize(TorchDevice.Auto);
        Assert.Equal(TorchRuntime.IsCudaAvailable ? DeviceType.CUDA : DeviceType.CPU, device.type);
    }

    [Fact]
    public void Asking_for_cuda_without_a_gpu_names_the_cause()
    {
        if (TorchRuntime.IsCudaAvailable)
            return; // nothing to check on a GPU machine
        var e = Assert.Throws<TorchRuntimeException>(() => TorchRuntime.Initialize(TorchDevice.Cuda));
        Assert.Contains("CUDA", e.Message);
    }
}

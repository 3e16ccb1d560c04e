using HideAndSeek.Torch;

namespace HideAndSeek.Tests.Torch;

public class NativeHeapTuningTests
{
    [Fact]
    public void The_tuning_is_applied_on_linux_glibc_unless_the_environment_chose_malloc_settings()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        bool userChose = NativeHeapTuning.ReasonInEnvironment(Environment.GetEnvironmentVariable) is not null;
        if (OperatingSystem.IsLinux() && !userChose && File.Exists("/lib/x86_64-linux-gnu/libc.so.6"))
            Assert.True(NativeHeapTuning.IsApplied, NativeHeapTuning.Description);
        else
            Assert.False(NativeHeapTuning.IsApplied && userChose, NativeHeapTuning.Description);
    }

    [Theory]
    [InlineData("HIDEANDSEEK_NATIVE_HEAP", "default", "HIDEANDSEEK_NATIVE_HEAP=default")]
    [InlineData("MALLOC_ARENA_MAX", "2", "MALLOC_ARENA_MAX is set")]
    [InlineData("MALLOC_MMAP_THRESHOLD_", "65536", "MALLOC_MMAP_THRESHOLD_ is set")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1", "GLIBC_TUNABLES sets malloc")]
    [InlineData("LD_PRELOAD", "/usr/lib/libjemalloc.so.2", "LD_PRELOAD is set")]
    public void A_malloc_setting_of_the_process_wins_over_the_tuning(string name, string value, string reason)
    {
        Assert.Equal(reason, NativeHeapTuning.ReasonInEnvironment(v => v == name ? value : null));
    }

    [Fact]
    public void An_environment_without_malloc_settings_allows_the_tuning()
    {
        Assert.Null(NativeHeapTuning.ReasonInEnvironment(v => v == "GLIBC_TUNABLES" ? "glibc.pthread.rseq=0" : null));
    }
}

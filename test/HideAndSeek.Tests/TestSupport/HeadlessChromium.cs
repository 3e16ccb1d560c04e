using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// A headless Chromium driven over the Chrome DevTools Protocol (a websocket to its first page): navigate, set a file
/// input's files as a user picking one would, evaluate script, take a screenshot. Killed on dispose.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, TempDirectory profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>HIDEANDSEEK_CHROMIUM, else chromium or chromium-browser on the PATH; null when none.</summary>
    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("HIDEANDSEEK_CHROMIUM") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
    }

    public static async Task<HeadlessChromium> StartAsync(int width, int height)
    {
        var profile = new TempDirectory();
        var info = new ProcessStartInfo(FindExecutable() ?? throw new InvalidOperationException("no Chromium"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // No sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}",
            $"--window-size={width},{height}", "--hide-scrollbars", "about:blank" })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var port = await DevToolsPort(process);
            using var http = new HttpClient();
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
            var page = targets.First(t => (string?)t!["type"] == "page")!;
            await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'", TimeSpan.FromSeconds(30));
    }

    /// <summary>Gives the file input matched by <paramref name="selector"/> a file, firing its change event.</summary>
    public async Task SetFileAsync(string selector, string path)
    {
        var document = await SendAsync("DOM.getDocument", new JsonObject());
        var node = await SendAsync("DOM.querySelector", new JsonObject
        {
            ["nodeId"] = document.GetProperty("root").GetProperty("nodeId").GetInt32(),
            ["selector"] = selector,
        });
        await SendAsync("DOM.setFileInputFiles", new JsonObject
        {
            ["files"] = new JsonArray(Path.GetFullPath(path)),
            ["nodeId"] = node.GetProperty("nodeId").GetInt32(),
        });
    }

    /// <summary>The value of a script expression, as a string.</summary>
    public async Task<string?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? v.ToString() : null;
    }

    /// <summary>Polls a script condition until it is true.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < timeout; await Task.Delay(100))
        {
            if (await EvaluateAsync($"!!({condition})") == "True")
                return;
        }
        throw new TimeoutException($"the page never satisfied: {condition}");
    }

    /// <summary>The viewport as PNG bytes.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    public void Dispose()
    {
        _socket.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        _profile.Dispose();
    }

    private static async Task<int> DevToolsPort(Process process)
    {
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/..." on stderr once it listens.
        var deadline = Task.Delay(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = process.StandardError.ReadLineAsync();
            if (await Task.WhenAny(line, deadline) == deadline)
                throw new TimeoutException("Chromium did not open its DevTools port within 30 s");
            if (await line is not { } text)
                throw new InvalidOperationException($"Chromium exited (code {(process.WaitForExit(1000) ? process.ExitCode : -1)})");
            var match = Regex.Match(text, @"DevTools listening on ws://[^:]+:(\d+)/");
            if (match.Success)
            {
                // Keep draining stderr so that Chromium never blocks on a full pipe.
                _ = process.StandardError.ReadToEndAsync();
                _ = process.StandardOutput.ReadToEndAsync();
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject parameters)
    {
        int id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await _socket.ReceiveAsync(buffer, timeout.Token);
                received.Write(buffer, 0, part.Count);
            }
            while (!part.EndOfMessage);
            using var reply = JsonDocument.Parse(received.ToArray());
            // Events (no id) and other replies are skipped.
            if (!reply.RootElement.TryGetProperty("id", out var replyId) || replyId.GetInt32() != id)
                continue;
            if (reply.RootElement.TryGetProperty("error", out var error))
                throw new InvalidOperationException($"{method}: {error}");
            return reply.RootElement.GetProperty("result").Clone();
        }
    }
}

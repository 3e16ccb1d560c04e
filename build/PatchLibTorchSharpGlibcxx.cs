using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HideAndSeek.Build
{
    /// <summary>
    /// Marks the GLIBCXX_3.4.32 version requirement of libLibTorchSharp.so as weak (VER_FLG_WEAK) in the copies
    /// placed in a build or publish output, so the library loads on distributions whose libstdc++ stops at 3.4.30/31
    /// (Debian 12). TorchSharp asks for that version for one marker symbol only, which has no relocations, so a weak
    /// requirement is safe. Runs only where the machine's libstdc++ lacks the version; idempotent.
    /// </summary>
    public sealed class PatchLibTorchSharpGlibcxx : Task
    {
        private const string WantedVersion = "GLIBCXX_3.4.32";
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>Output folder to search (recursively) for libLibTorchSharp.so.</summary>
        [Required]
        public string Directory { get; set; } = "";

        /// <summary>Patch even when the machine's libstdc++ already provides the version (used by tests).</summary>
        public bool Force { get; set; }

        /// <summary>Number of files that were changed by this run.</summary>
        [Output]
        public int PatchedCount { get; set; }

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory))
                return true;
            if (!Force && SystemLibStdCxxHasVersion())
            {
                Log.LogMessage(MessageImportance.Low, "libstdc++ provides " + WantedVersion + "; libLibTorchSharp.so left untouched.");
                return true;
            }
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                try
                {
                    var result = MarkVersionWeak(file);
                    if (result == PatchResult.Patched)
                    {
                        PatchedCount++;
                        Log.LogMessage(MessageImportance.Normal, "Marked " + WantedVersion + " weak in " + file);
                    }
                }
                catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
                {
                    Log.LogError("Could not patch " + file + ": " + e.Message);
                    return false;
                }
            }
            return !Log.HasLoggedErrors;
        }

        private static bool SystemLibStdCxxHasVersion()
        {
            string[] candidates =
            {
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            };
            var needle = Encoding.ASCII.GetBytes(WantedVersion + "\0");
            foreach (var path in candidates)
            {
                if (!File.Exists(path))
                    continue;
                var bytes = File.ReadAllBytes(path);
                return IndexOf(bytes, needle) >= 0;
            }
            // No libstdc++ found where we look (not Linux, or an unusual layout): do not touch anything.
            return true;
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j])
                    j++;
                if (j == needle.Length)
                    return i;
            }
            return -1;
        }

        public enum PatchResult { Patched, AlreadyWeak, NotRequired }

        /// <summary>Sets VER_FLG_WEAK on the GLIBCXX_3.4.32 entry of .gnu.version_r of a 64-bit little-endian ELF file.</summary>
        public static PatchResult MarkVersionWeak(string path)
        {
            var data = File.ReadAllBytes(path);
            if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (data[4] != 2 || data[5] != 1)
                throw new InvalidDataException("expected a 64-bit little-endian ELF file");

            ulong shoff = BitConverter.ToUInt64(data, 0x28);
            int shentsize = BitConverter.ToUInt16(data, 0x3A);
            int shnum = BitConverter.ToUInt16(data, 0x3C);
            for (int s = 0; s < shnum; s++)
            {
                int sh = checked((int)shoff + s * shentsize);
                if (BitConverter.ToUInt32(data, sh + 4) != ShtGnuVerneed)
                    continue;
                int offset = checked((int)BitConverter.ToUInt64(data, sh + 0x18));
                int link = (int)BitConverter.ToUInt32(data, sh + 0x28);
                int strtab = checked((int)BitConverter.ToUInt64(data, checked((int)shoff + link * shentsize) + 0x18));

                int need = offset;
                while (true)
                {
                    int count = BitConverter.ToUInt16(data, need + 2);
                    int aux = need + (int)BitConverter.ToUInt32(data, need + 8);
                    for (int a = 0; a < count; a++)
                    {
                        int name = strtab + (int)BitConverter.ToUInt32(data, aux + 8);
                        if (ReadCString(data, name) == WantedVersion)
                        {
                            ushort flags = BitConverter.ToUInt16(data, aux + 4);
                            if ((flags & VerFlagWeak) != 0)
                                return PatchResult.AlreadyWeak;
                            flags |= VerFlagWeak;
                            // Keep the timestamp so the SDK's incremental copy does not see a changed file and recopy it.
                            var stamp = File.GetLastWriteTimeUtc(path);
                            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                            {
                                stream.Position = aux + 4;
                                stream.WriteByte((byte)(flags & 0xff));
                                stream.WriteByte((byte)(flags >> 8));
                            }
                            File.SetLastWriteTimeUtc(path, stamp);
                            return PatchResult.Patched;
                        }
                        int nextAux = (int)BitConverter.ToUInt32(data, aux + 12);
                        if (nextAux == 0)
                            break;
                        aux += nextAux;
                    }
                    int next = (int)BitConverter.ToUInt32(data, need + 12);
                    if (next == 0)
                        break;
                    need += next;
                }
            }
            return PatchResult.NotRequired;
        }

        private static string ReadCString(byte[] data, int start)
        {
            int end = start;
            while (end < data.Length && data[end] != 0)
                end++;
            return Encoding.ASCII.GetString(data, start, end - start);
        }
    }
}

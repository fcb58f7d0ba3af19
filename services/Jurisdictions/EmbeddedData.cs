using System.IO.Compression;

namespace Polri110.Jurisdictions;

/// <summary>The data files this assembly embeds, gzip-compressed at build time (see the project file).</summary>
internal static class EmbeddedData
{
    /// <summary>The decompressed content of an embedded data file, by its name without ".gz".</summary>
    public static Stream Open(string name)
    {
        var compressed = typeof(EmbeddedData).Assembly.GetManifestResourceStream($"{name}.gz")
                         ?? throw new InvalidOperationException($"The data file {name} is not embedded.");
        return new GZipStream(compressed, CompressionMode.Decompress);
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace Ctg.EndToEnd.Tests;

/// <summary>Just enough of PNG (8-bit RGB or RGBA, not interlaced: what chromium writes) to check a
/// screenshot's size and that it is not a blank page.</summary>
public sealed class PngImage
{
    public int Width { get; }
    public int Height { get; }
    private readonly byte[] _pixels; // RGB, 3 bytes per pixel, row by row

    private PngImage(int width, int height, byte[] pixels) { Width = width; Height = height; _pixels = pixels; }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var i = (y * Width + x) * 3;
        return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    /// <summary>Variance of the luminance over every pixel: 0 for a blank page.</summary>
    public double LuminanceVariance()
    {
        double sum = 0, sumSquares = 0;
        var n = Width * Height;
        for (var i = 0; i < n; i++)
        {
            var l = 0.299 * _pixels[i * 3] + 0.587 * _pixels[i * 3 + 1] + 0.114 * _pixels[i * 3 + 2];
            sum += l;
            sumSquares += l * l;
        }
        var mean = sum / n;
        return sumSquares / n - mean * mean;
    }

    /// <summary>The longest horizontal run of exactly this colour on any row (a bar of a chart).</summary>
    public int LongestRun((byte R, byte G, byte B) colour)
    {
        var longest = 0;
        for (var y = 0; y < Height; y++)
        {
            var run = 0;
            for (var x = 0; x < Width; x++)
            {
                run = Pixel(x, y) == colour ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
        }
        return longest;
    }

    public int DistinctColours() =>
        Enumerable.Range(0, Width * Height).Select(i => (_pixels[i * 3] << 16) | (_pixels[i * 3 + 1] << 8) | _pixels[i * 3 + 2]).Distinct().Count();

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!bytes.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, colourType = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0) throw new InvalidDataException("only 8-bit, non-interlaced PNG is read here");
                colourType = data[9];
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;
        }
        var channels = colourType switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {colourType} not supported here") };
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * channels;
        var current = new byte[stride];
        var previous = new byte[stride];
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var row = y * (stride + 1);
            var filter = raw[row];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? current[x - channels] : 0, b = previous[x], c = x >= channels ? previous[x - channels] : 0;
                var value = raw[row + 1 + x];
                current[x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + ((a + b) >> 1),
                    4 => value + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width + x) * 3] = current[x * channels];
                pixels[(y * width + x) * 3 + 1] = current[x * channels + 1];
                pixels[(y * width + x) * 3 + 2] = current[x * channels + 2];
            }
            (previous, current) = (current, previous);
        }
        return new PngImage(width, height, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

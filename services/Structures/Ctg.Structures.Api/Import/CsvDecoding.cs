using System.Text;
using Ctg.Structures.Shared;

namespace Ctg.Structures.Import;

/// <summary>French CSVs come as UTF-8 (with or without BOM) or Windows-1252. Anything else (UTF-16,
/// binary, another code page) is rejected with a clear message rather than imported as mojibake.</summary>
internal static class CsvDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Bytes that Windows-1252 leaves undefined: their presence means the file is in another encoding.
    private static readonly byte[] UndefinedIn1252 = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

    static CsvDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            throw new CsvFormatException("header", "the file is empty.");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new CsvFormatException("encoding", "the file is UTF-16; save it as UTF-8 or Windows-1252 (CSV separated by ';').");
        }

        var hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var body = hasBom ? bytes[3..] : bytes;
        if (body.Contains((byte)0))
        {
            throw new CsvFormatException("encoding", "the file contains NUL bytes: it is binary, UTF-16 or UTF-32, not a UTF-8 or Windows-1252 CSV.");
        }

        string text;
        string encoding;
        try
        {
            text = StrictUtf8.GetString(body);
            encoding = hasBom ? "utf-8-bom" : "utf-8";
        }
        catch (DecoderFallbackException)
        {
            if (hasBom)
            {
                throw new CsvFormatException("encoding", "the file starts with a UTF-8 byte order mark but is not valid UTF-8.");
            }

            foreach (var b in UndefinedIn1252)
            {
                if (body.Contains(b))
                {
                    throw new CsvFormatException("encoding",
                        $"the file is neither UTF-8 nor Windows-1252 (byte 0x{b:X2} is undefined in Windows-1252).");
                }
            }

            text = Encoding.GetEncoding(1252).GetString(body);
            encoding = "windows-1252";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\r' or '\n' or '\t'))
            {
                throw new CsvFormatException("encoding", $"the file contains the control character U+{(int)c:X4}: it is not a text CSV.");
            }
        }

        return (text, encoding);
    }
}

/// <summary>The file as a whole cannot be read (encoding, header, separator).</summary>
internal sealed class CsvFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

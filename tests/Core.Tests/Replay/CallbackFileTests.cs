using System.Text;
using Dashboard.Core.Replay;

namespace Dashboard.Core.Tests.Replay;

public class CallbackFileTests
{
    [Fact]
    public async Task AFileOverTheLimitIsRefusedWithTheLimitNamed()
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 2_048) + "=1"));

        var (file, problem) = await CallbackFile.ReadAsync(content, maxBytes: 1_024);

        Assert.Null(file);
        Assert.Equal("The file is larger than 1 KiB (Replay:MaxFileBytes); split it and replay the parts.", problem);
    }

    [Theory]
    [InlineData(new byte[] { 0x4d, 0x3d, 0xff, 0xfe }, "The file is not UTF-8 text.")]
    [InlineData(new byte[] { 0x0a, 0x20, 0x0a }, "The file holds no callbacks.")]
    public void UnreadableFilesAreRefused(byte[] content, string expected)
    {
        var (file, problem) = CallbackFile.Parse(content);

        Assert.Null(file);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void ACsvWithoutPlivosFieldNamesIsRefused()
    {
        var (file, problem) = CallbackFile.Parse(Encoding.UTF8.GetBytes("uuid,state\nabc,delivered\n"));

        Assert.Null(file);
        Assert.StartsWith("The first line is neither a form-encoded callback", problem);
    }

    [Fact]
    public void FormLinesDecodeAsAFormBodyDoesAndKeepRepeatedKeys()
    {
        var line = CallbackFile.FormLine(7, "MessageUUID=u&Status=delivered&Text=caf%C3%A9+ok&Media0=a&Media0=b");

        Assert.Null(line.Problem);
        Assert.Equal(7, line.LineNumber);
        Assert.Equal(
            [new("MessageUUID", "u"), new("Status", "delivered"), new("Text", "café ok"), new("Media0", "a"), new KeyValuePair<string, string>("Media0", "b")],
            line.Parameters);
    }
}

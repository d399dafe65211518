using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class MediaLinksTests
{
    [Theory]
    [InlineData("https://media.plivo.com/Account/MA1/Message/m1/Media/1/")]
    [InlineData("http://example.com/a.png")]
    [InlineData("HTTPS://EXAMPLE.COM/A.PNG")]
    public void HttpAndHttpsAddressesAreSafe(string url)
    {
        Assert.True(MediaLinks.IsSafe(url));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("//evil.example/x.png")]
    [InlineData("/relative/path.png")]
    [InlineData("https:///no-host")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElseIsNotSafe(string? url)
    {
        Assert.False(MediaLinks.IsSafe(url));
    }

    [Fact]
    public void OverlongAddressIsNotSafe()
    {
        Assert.False(MediaLinks.IsSafe("https://example.com/" + new string('a', MediaLinks.MaxLength)));
    }
}

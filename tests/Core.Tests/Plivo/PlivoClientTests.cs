using System.Net;
using System.Text;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Tests.Plivo;

public class PlivoClientTests
{
    [Fact]
    public void PlivosErrorBodyGivesTheStatusTheMessageAndTheApiId()
    {
        var ex = PlivoClient.ErrorOf(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes("""{"api_id":"a1","error":"dst parameter is required"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("dst parameter is required", ex.PlivoError);
        Assert.Equal("a1", ex.ApiId);
        Assert.Equal("Plivo answered 400 BadRequest: dst parameter is required", ex.Message);
    }

    [Fact]
    public void AnErrorThatIsAnObjectIsQuotedAsJson()
    {
        var ex = PlivoClient.ErrorOf(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes("""{"api_id":"a2","error":{"dst":["required"]}}"""));

        Assert.Equal("""{"dst":["required"]}""", ex.PlivoError);
    }

    [Fact]
    public void ABodyThatIsNotJsonIsQuoted()
    {
        var ex = PlivoClient.ErrorOf(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>Bad gateway</html>"));

        Assert.Equal("<html>Bad gateway</html>", ex.PlivoError);
        Assert.Null(ex.ApiId);
    }
}

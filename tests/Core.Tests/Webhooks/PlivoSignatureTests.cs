using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Tests.Webhooks;

public class PlivoSignatureTests
{
    // The vectors below come from plivo-go utils_test.go (TestValidateSignatureV3Pass1..4 and TestValidateSignatureV2Pass).
    private const string GoToken = "Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4";
    private const string GoNonce = "31627761595286130198";
    private static readonly Uri GoUrlWithQuery = new("https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d");
    private static readonly Uri GoUrl = new("https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml");

    private static KeyValuePair<string, string>[] GoParameters() =>
    [
        new("Direction", "outbound"),
        new("From", "19792014278"),
        new("ALegUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"),
        new("CallStatus", "in-progress"),
        new("BillRate", "0.002"),
        new("ParentAuthID", "MANWVLYTK4ZWU1YTY4QA"),
        new("To", "sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com"),
        new("ALegRequestUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"),
        new("CallUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"),
        new("RequestUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"),
        new("SIP-H-To", "<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1"),
        new("SessionStart", "2020-04-08 11:34:33.238707"),
        new("Event", "StartApp"),
    ];

    private static KeyValuePair<string, string>[] Pairs(params (string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => KeyValuePair.Create(p.Key, p.Value))];

    [Fact]
    public void GoVectorPostWithoutQueryMatches()
    {
        var signature = PlivoSignature.ComputeV3(GoToken, "POST", GoUrl, GoParameters(), GoNonce);

        Assert.Equal("iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=", signature);
    }

    [Fact]
    public void GoVectorPostWithQueryMatches()
    {
        var signature = PlivoSignature.ComputeV3(GoToken, "POST", GoUrlWithQuery, GoParameters(), GoNonce);

        Assert.Equal("k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c=", signature);
    }

    [Fact]
    public void GoVectorGetWithQueryMatches()
    {
        var signature = PlivoSignature.ComputeV3(GoToken, "GET", GoUrlWithQuery, GoParameters(), GoNonce);

        Assert.Equal("UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ=", signature);
    }

    [Fact]
    public void GoVectorGetWithoutQueryMatches()
    {
        var signature = PlivoSignature.ComputeV3(GoToken, "GET", GoUrl, GoParameters(), GoNonce);

        Assert.Equal("i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc=", signature);
    }

    [Fact]
    public void PostBaseSortsOrdinallySoUppercaseComesBeforeLowercase()
    {
        var signed = PlivoSignature.BuildV3Base("POST", GoUrl, GoParameters());

        Assert.StartsWith("https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml?ALegRequestUUID3e82", signed);
        Assert.Contains("RequestUUID3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36SIP-H-To<sip:", signed);
        Assert.Contains(";tag=1SessionStart2020-04-08 11:34:33.238707To", signed);
        Assert.EndsWith("@phone-qa.voice.plivodev.com", signed);
    }

    [Fact]
    public void PostBaseJoinsQueryAndBodyWithADot()
    {
        var signed = PlivoSignature.BuildV3Base("POST", new Uri("https://example.com/cb?z=1&a=2"), Pairs(("B", "x"), ("A", "y")));

        Assert.Equal("https://example.com/cb?a=2&z=1.AyBx", signed);
    }

    [Fact]
    public void PostBaseWithQueryButNoBodyHasNoDot()
    {
        var signed = PlivoSignature.BuildV3Base("POST", new Uri("https://example.com/cb?z=1&a=2"), []);

        Assert.Equal("https://example.com/cb?a=2&z=1", signed);
    }

    [Fact]
    public void PostBaseWithNothingToSignIsTheBareUrl()
    {
        var signed = PlivoSignature.BuildV3Base("POST", new Uri("https://example.com/cb#frag"), []);

        Assert.Equal("https://example.com/cb", signed);
    }

    [Fact]
    public void GetBaseMergesQueryAndParametersIntoOneSortedQuery()
    {
        var signed = PlivoSignature.BuildV3Base("get", new Uri("https://example.com/cb?b=2"), Pairs(("c", "3"), ("a", "1")));

        Assert.Equal("https://example.com/cb?a=1&b=2&c=3", signed);
    }

    [Fact]
    public void RepeatedKeysKeepEveryValueSorted()
    {
        var signed = PlivoSignature.BuildV3Base("POST", new Uri("https://example.com/cb"), Pairs(("Media", "b"), ("Media", "a"), ("A", "z")));

        Assert.Equal("https://example.com/cb?AzMediaaMediab", signed);
    }

    [Fact]
    public void GetKeyInBothQueryAndParametersKeepsBothValues()
    {
        var signed = PlivoSignature.BuildV3Base("GET", new Uri("https://example.com/cb?a=query"), Pairs(("a", "param")));

        Assert.Equal("https://example.com/cb?a=param&a=query", signed);
    }

    [Fact]
    public void QueryValuesAreSignedDecoded()
    {
        var signed = PlivoSignature.BuildV3Base("POST", new Uri("https://example.com/cb?text=hello+world&to=%2B14155550100&flag"), []);

        Assert.Equal("https://example.com/cb?flag=&text=hello world&to=+14155550100", signed);
    }

    [Fact]
    public void NonDefaultPortIsKept()
    {
        var signed = PlivoSignature.BuildV3Base("POST", new Uri("https://example.com:8443/cb"), Pairs(("a", "1")));

        Assert.Equal("https://example.com:8443/cb?a1", signed);
    }

    [Fact]
    public void DefaultPortIsLeftOut()
    {
        var signed = PlivoSignature.BuildV3Base("POST", new Uri("https://example.com:443/cb"), []);

        Assert.Equal("https://example.com/cb", signed);
    }

    [Fact]
    public void PortChangesTheSignature()
    {
        var withPort = PlivoSignature.ComputeV3("token", "POST", new Uri("https://example.com:8443/cb"), Pairs(("a", "1")), "1");

        var withoutPort = PlivoSignature.ComputeV3("token", "POST", new Uri("https://example.com/cb"), Pairs(("a", "1")), "1");

        Assert.NotEqual(withoutPort, withPort);
        Assert.True(PlivoSignature.VerifyV3("token", "POST", new Uri("https://example.com:8443/cb"), Pairs(("a", "1")), "1", withPort));
        Assert.False(PlivoSignature.VerifyV3("token", "POST", new Uri("https://example.com:8443/cb"), Pairs(("a", "1")), "1", withoutPort));
    }

    [Fact]
    public void VerifyV3AcceptsTheGoVector()
    {
        var valid = PlivoSignature.VerifyV3(GoToken, "POST", GoUrl, GoParameters(), GoNonce, "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=");

        Assert.True(valid);
    }

    [Fact]
    public void VerifyV3AcceptsAnyOfSeveralCommaSeparatedSignatures()
    {
        var header = "bm90LXRoaXMtb25l, iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0= ,c2Vjb25kLXdyb25n";

        var valid = PlivoSignature.VerifyV3(GoToken, "POST", GoUrl, GoParameters(), GoNonce, header);

        Assert.True(valid);
    }

    [Fact]
    public void VerifyV3RejectsAHeaderOfOnlyWrongSignatures()
    {
        var header = "bm90LXRoaXMtb25l,c2Vjb25kLXdyb25n";

        var valid = PlivoSignature.VerifyV3(GoToken, "POST", GoUrl, GoParameters(), GoNonce, header);

        Assert.False(valid);
    }

    [Fact]
    public void VerifyV3RejectsTheWrongToken()
    {
        var valid = PlivoSignature.VerifyV3(GoToken + "x", "POST", GoUrl, GoParameters(), GoNonce, "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=");

        Assert.False(valid);
    }

    [Fact]
    public void VerifyV3RejectsATamperedParameter()
    {
        var tampered = GoParameters();
        tampered[4] = KeyValuePair.Create("BillRate", "0.000");

        var valid = PlivoSignature.VerifyV3(GoToken, "POST", GoUrl, tampered, GoNonce, "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=");

        Assert.False(valid);
    }

    [Fact]
    public void VerifyV3RejectsAnotherNonce()
    {
        var valid = PlivoSignature.VerifyV3(GoToken, "POST", GoUrl, GoParameters(), "31627761595286130199", "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=");

        Assert.False(valid);
    }

    [Fact]
    public void VerifyV3RejectsTheSignatureOfTheOtherMethod()
    {
        var valid = PlivoSignature.VerifyV3(GoToken, "GET", GoUrl, GoParameters(), GoNonce, "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=");

        Assert.False(valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" , ")]
    public void VerifyV3RejectsAMissingHeader(string? header)
    {
        var valid = PlivoSignature.VerifyV3(GoToken, "POST", GoUrl, GoParameters(), GoNonce, header);

        Assert.False(valid);
    }

    [Fact]
    public void VerifyV3RejectsAnEmptyNonce()
    {
        var signature = PlivoSignature.ComputeV3(GoToken, "POST", GoUrl, GoParameters(), "");

        var valid = PlivoSignature.VerifyV3(GoToken, "POST", GoUrl, GoParameters(), "", signature);

        Assert.False(valid);
    }

    [Fact]
    public void VerifyV3RejectsAnEmptyToken()
    {
        var valid = PlivoSignature.VerifyV3("", "POST", GoUrl, GoParameters(), GoNonce, "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=");

        Assert.False(valid);
    }

    [Fact]
    public void ComputeV3RejectsARelativeUrl() =>
        Assert.Throws<ArgumentException>(() => PlivoSignature.ComputeV3("token", "POST", new Uri("/cb", UriKind.Relative), [], "1"));

    [Fact]
    public void PythonV2VectorMatches()
    {
        var signature = PlivoSignature.ComputeV2("my_auth_token", new Uri("https://answer.url"), "12345");

        Assert.Equal("ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=", signature);
    }

    [Fact]
    public void V2TreatsAnExplicitRootSlashAsPartOfThePath()
    {
        var signature = PlivoSignature.ComputeV2("my_auth_token", new Uri("https://answer.url/"), "12345");

        Assert.Equal("do1CXv+k99A6+B+eTcyqbxWlezFIxJ/1vz72787r37g=", signature);
    }

    [Fact]
    public void V2IgnoresTheQueryString()
    {
        var signature = PlivoSignature.ComputeV2("my_auth_token", new Uri("https://answer.url?From=14155550100"), "12345");

        Assert.Equal("ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=", signature);
    }

    [Fact]
    public void V2KeepsANonDefaultPort()
    {
        var withPort = PlivoSignature.ComputeV2("my_auth_token", new Uri("https://answer.url:8443"), "12345");

        Assert.NotEqual("ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=", withPort);
        Assert.True(PlivoSignature.VerifyV2("my_auth_token", new Uri("https://answer.url:8443"), "12345", withPort));
    }

    [Fact]
    public void VerifyV2AcceptsThePythonVector()
    {
        var valid = PlivoSignature.VerifyV2("my_auth_token", new Uri("https://answer.url"), "12345", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=");

        Assert.True(valid);
    }

    [Fact]
    public void VerifyV2AcceptsAnyOfSeveralCommaSeparatedSignatures()
    {
        var valid = PlivoSignature.VerifyV2("my_auth_token", new Uri("https://answer.url"), "12345", "d3Jvbmc=, ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=");

        Assert.True(valid);
    }

    [Fact]
    public void VerifyV2RejectsTheWrongToken()
    {
        var valid = PlivoSignature.VerifyV2("my_auth_tokens", new Uri("https://answer.url"), "12345", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=");

        Assert.False(valid);
    }

    [Theory]
    [InlineData("12345", null)]
    [InlineData("12345", "")]
    [InlineData("", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=")]
    public void VerifyV2RejectsAMissingNonceOrHeader(string nonce, string? header)
    {
        var valid = PlivoSignature.VerifyV2("my_auth_token", new Uri("https://answer.url"), nonce, header);

        Assert.False(valid);
    }
}

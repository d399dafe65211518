using System.Xml.Linq;

namespace Dashboard.Core.Webhooks;

/// <summary>Plivo's Message XML, the answer to an inbound webhook that sends a reply.</summary>
public static class MessageXml
{
    public const string ContentType = "application/xml";

    /// <summary>An empty <c>&lt;Response/&gt;</c> when there is no reply.</summary>
    public static string Build(InboundReply? reply)
    {
        var response = new XElement("Response");
        if (reply is not null)
        {
            response.Add(new XElement("Message",
                new XAttribute("src", reply.Src),
                new XAttribute("dst", reply.Dst),
                new XAttribute("type", "sms"),
                reply.Text));
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), response).Declaration + Environment.NewLine + response;
    }
}

using System.Globalization;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Simulator;

/// <summary>
/// Made-up people, numbers and texts for the simulator's demo traffic: a business sending order updates, codes,
/// reminders and the odd promotion, and customers answering. US, Canadian and UK numbers come from the ranges
/// reserved for fiction (555-01xx, 07700 900xxx); the rest are random numbers of the right shape.
/// </summary>
internal static class DemoContent
{
    private static readonly (string Iso2, int Weight)[] CountryWeights =
    [
        ("US", 42), ("CA", 8), ("GB", 12), ("DE", 5), ("FR", 4), ("IN", 8), ("BR", 5), ("MX", 3), ("AU", 3),
        ("ES", 2), ("IT", 2), ("NL", 1), ("PH", 2), ("SG", 1), ("ZA", 1), ("NG", 1),
    ];

    private static readonly string[] UsAreaCodes = ["212", "213", "305", "312", "415", "469", "503", "617", "646", "702", "713", "206", "303", "404", "512"];
    private static readonly string[] CaAreaCodes = ["416", "604", "514", "403", "613"];

    private static readonly string[] FirstNames = ["Ana", "Ben", "Chloé", "Dev", "Emma", "Farah", "Gabriel", "Hiro", "Isla", "Jonas", "Kofi", "Lucía", "Mia", "Noah", "Olivia", "Priya", "Rafael", "Sofia", "Tom", "Yara"];

    private static readonly string[] SmsTemplates =
    [
        "Your Acme verification code is {code}. It expires in 10 minutes. Never share it with anyone.",
        "Hi {name}, your order #{order} has shipped and should arrive {day}. Track it: https://acme.example/t/{order}",
        "Reminder: your appointment with Acme Dental is tomorrow at {time}. Reply C to confirm or R to reschedule.",
        "Acme: your table for 2 is booked for {day} at {time}. See you soon!",
        "Hi {name}, your Acme invoice #{order} of €{amount} is due on {day}. Pay online at https://acme.example/pay",
        "Acme alert: a sign-in from a new device was detected. If this wasn't you, reply HELP or call us.",
        "{name}, good news! Your repair is ready for pickup [ticket {order}]. Opening hours: 9-18 ~ Mon to Sat.",
        "Acme Weekend Sale 🎉 20% off everything until Sunday with code SAVE20. Reply STOP to opt out.",
        "Hola {name}, tu pedido #{order} está en camino. Llegará el {day}. ¡Gracias por tu compra!",
        "Hallo {name}, Ihre Bestellung #{order} wurde versandt. Voraussichtliche Zustellung: {day}.",
        "Привет, {name}! Ваш заказ #{order} отправлен и прибудет {day}.",
        "Dear {name}, thank you for choosing Acme. Your subscription renews on {day} for ${amount}. To change your plan or payment details, visit https://acme.example/account or reply to this message and one of our team will get back to you within one business day. Reply STOP to unsubscribe.",
        "Your Acme parcel {order} could not be delivered today because nobody was home. We will try again {day} between 09:00 and 13:00; to choose another day or a pickup point, open https://acme.example/r/{order}. Questions? Just reply to this message.",
    ];

    private static readonly string[] ReplyTexts =
    [
        "Yes", "C", "Thanks!", "ok", "Can I reschedule to Friday?", "What time do you close today?", "👍", "Where is my order?",
        "Wrong number", "Is this still available?", "Please call me back", "Gracias", "R", "Got it, thank you 🙏",
        "I never ordered this, who is this?", "Can you send the tracking link again? The one I got doesn't open on my phone and I have been waiting for this package for over a week now, it was supposed to arrive on Monday.",
    ];

    private static readonly string[] Days = ["today", "tomorrow", "Monday", "Wednesday", "Friday", "on the 14th"];

    private static readonly string[] OptOutPhrases = ["please stop texting me", "Stop sending me these messages", "unsubscribe me please", "remove me from your list", "don't text me again"];

    private static readonly string[] StopKeywords = ["STOP", "Stop", "stop ", "STOP ALL", "END", "QUIT", "UNSUBSCRIBE", "CANCEL"];
    private static readonly string[] StartKeywords = ["START", "Start", "UNSTOP", "YES"];
    private static readonly string[] HelpKeywords = ["HELP", "help", "INFO"];

    public static readonly (string Name, string Language, int Parameters)[] WhatsAppTemplates =
    [
        ("order_update", "en", 2),
        ("appointment_reminder", "en", 2),
        ("otp_verification_code", "en", 1),
        ("summer_sale_promo", "en", 1),
        ("delivery_update", "es", 2),
    ];

    public static readonly string[] WhatsAppFreeform =
    [
        "Thanks for reaching out! An agent will reply shortly.",
        "Your order is on its way 🚚 — you can track it here: https://acme.example/t/58213",
        "Of course! Friday at 10:00 works. I've moved your appointment.",
    ];

    public static readonly (string Text, string Payload)[] WhatsAppButtons =
        [("Yes", "CONFIRM"), ("No", "DECLINE"), ("Reschedule", "RESCHEDULE"), ("Talk to an agent", "AGENT")];

    /// <summary>A fixed pool of contacts, the same for the same seed.</summary>
    public static IReadOnlyList<string> Contacts(int seed, int count, IReadOnlySet<string> ours)
    {
        var rng = new Random(seed);
        var contacts = new List<string>(count);
        while (contacts.Count < count)
        {
            var number = NumberIn(rng, Weighted(rng, CountryWeights));
            if (!ours.Contains(number) && !contacts.Contains(number))
            {
                contacts.Add(number);
            }
        }

        return contacts;
    }

    public static string NumberIn(Random rng, string iso2)
    {
        string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + rng.Next(10))));
        return iso2 switch
        {
            "US" => "1" + Pick(rng, UsAreaCodes) + "55501" + Digits(2),
            "CA" => "1" + Pick(rng, CaAreaCodes) + "55501" + Digits(2),
            "GB" => "447700900" + Digits(3),
            "DE" => "49151" + Digits(8),
            "FR" => "336" + Digits(8),
            "IN" => "919" + Digits(9),
            "BR" => "55119" + Digits(8),
            "MX" => "521" + Digits(10),
            "AU" => "614" + Digits(8),
            "ES" => "346" + Digits(8),
            "IT" => "393" + Digits(9),
            "NL" => "316" + Digits(8),
            "PH" => "639" + Digits(9),
            "SG" => "658" + Digits(7),
            "ZA" => "2782" + Digits(7),
            "NG" => "23480" + Digits(8),
            _ => "1" + Pick(rng, UsAreaCodes) + "55501" + Digits(2),
        };
    }

    public static string SmsText(Random rng) => Fill(rng, Pick(rng, SmsTemplates));

    public static string Reply(Random rng) => Pick(rng, ReplyTexts);

    public static string OptOutPhrase(Random rng) => Pick(rng, OptOutPhrases);

    public static string Stop(Random rng) => Pick(rng, StopKeywords);

    public static string Start(Random rng) => Pick(rng, StartKeywords);

    public static string Help(Random rng) => Pick(rng, HelpKeywords);

    public static IReadOnlyList<string> TemplateParameters(Random rng, int count) =>
        [.. new[] { Pick(rng, FirstNames), rng.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture), Day(rng) }.Take(count)];

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static string Weighted(Random rng, IReadOnlyList<(string Value, int Weight)> choices)
    {
        var pick = rng.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((pick -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static string Fill(Random rng, string template) => template
        .Replace("{code}", rng.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture))
        .Replace("{order}", rng.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture))
        .Replace("{amount}", (rng.Next(500, 25_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture))
        .Replace("{name}", Pick(rng, FirstNames))
        .Replace("{day}", Day(rng))
        .Replace("{time}", $"{rng.Next(8, 19)}:{(rng.Next(2) == 0 ? "00" : "30")}");

    private static string Day(Random rng) => Pick(rng, Days);
}

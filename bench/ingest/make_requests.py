#!/usr/bin/env python3
"""Writes a data file (one request a line) of signed Plivo status callbacks for wrk (bench/ingest/status.lua).

Every message gets queued (1), sent (2) and delivered or undelivered (3), each callback signed with
Plivo's V3 algorithm (HMAC-SHA256 over URL + sorted params + "." + nonce). Only what varies per request
is written; status.lua rebuilds the form body from the same template.
    make_requests.py token url count out [seed=42]
"""
import base64, datetime, hashlib, hmac, os, random, sys, uuid

# The callbacks' day (ingest.sh sets it for this script and status.lua alike): yesterday, inside the parser's window of now.
DAY = os.environ.get("BENCH_DAY") or (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)).strftime("%Y-%m-%d")

def template(msg_uuid, status, seq, error):
    sent = DAY + " 10:00:01.250000" if status != "queued" else ""
    dlr = DAY + " 10:00:04.500000" if status in ("delivered", "undelivered") else ""
    return [
        ("MessageUUID", msg_uuid), ("To", "14155550123"), ("From", "14155550100"), ("Type", "sms"),
        ("Status", status), ("Units", "1"), ("TotalRate", "0.00650"), ("TotalAmount", "0.00650"),
        ("MCC", "310"), ("MNC", "410"), ("ErrorCode", error), ("ParentMessageUUID", msg_uuid),
        ("PartInfo", ""), ("Sequence", str(seq)), ("MessageTime", DAY + " 10:00:00.000000"),
        ("QueuedTime", DAY + " 10:00:00.100000"), ("SentTime", sent), ("DeliveryReportTime", dlr),
        ("requester_ip", "203.0.113.7"), ("PowerpackUUID", ""),
    ]

def sign(token, url, params, nonce):
    ordered = sorted(params, key=lambda kv: kv[0].encode())
    base = url + "?" + "".join(k + v for k, v in ordered) + "." + nonce
    return base64.b64encode(hmac.new(token.encode(), base.encode(), hashlib.sha256).digest()).decode()

def main(token, url, count, out, seed=42):
    # Seeded: the same arguments give the same file; another seed, other messages (a warm-up set that is not measured).
    rnd = random.Random(seed)
    with open(out, "w") as f:
        written = 0
        while written < count:
            msg = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            final = "undelivered" if rnd.random() < 0.08 else "delivered"
            for status, seq in (("queued", 1), ("sent", 2), (final, 3)):
                error = "30" if status == "undelivered" else ("000" if status == "delivered" else "")
                nonce = str(rnd.getrandbits(63))
                sig = sign(token, url, template(msg, status, seq, error), nonce)
                f.write("%s %s %d %s %s %s\n" % (msg, status, seq, error or "-", nonce, sig))
                written += 1

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 42)

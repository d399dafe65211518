-- wrk script: POSTs pre-signed Plivo status callbacks (see make_requests.py), one distinct callback per request.
-- One line per callback: uuid status sequence error(- for none) nonce signature.
local data = {}
for line in io.lines(os.getenv("BENCH_DATA")) do
  local uuid, status, seq, err, nonce, sig = line:match("^(%S+) (%S+) (%S+) (%S+) (%S+) (%S+)$")
  if err == "-" then err = "" end
  data[#data + 1] = { uuid, status, seq, err, nonce, sig }
end
local n = #data
local i = 0

local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Everything that does not vary is encoded once: wrk shares the machine's two cores with the app it measures.
-- The callbacks' day, as make_requests.py signed them (ingest.sh sets BENCH_DAY for both).
local day = os.getenv("BENCH_DAY") or os.date("!%Y-%m-%d", os.time() - 86400)
local message_time = enc(day .. " 10:00:00.000000")
local queued_time = enc(day .. " 10:00:00.100000")
local sent_time = enc(day .. " 10:00:01.250000")
local dlr_time = enc(day .. " 10:00:04.500000")
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

request = function()
  i = i + 1
  if i > n then i = 1 end
  local d = data[i]
  local uuid, status, seq, err, nonce, sig = d[1], d[2], d[3], d[4], d[5], d[6]
  local sent = status ~= "queued" and sent_time or ""
  local dlr = (status == "delivered" or status == "undelivered") and dlr_time or ""
  local body = "MessageUUID=" .. uuid .. "&To=14155550123&From=14155550100&Type=sms&Status=" .. status ..
    "&Units=1&TotalRate=0.00650&TotalAmount=0.00650&MCC=310&MNC=410&ErrorCode=" .. err ..
    "&ParentMessageUUID=" .. uuid .. "&PartInfo=&Sequence=" .. seq ..
    "&MessageTime=" .. message_time .. "&QueuedTime=" .. queued_time ..
    "&SentTime=" .. sent .. "&DeliveryReportTime=" .. dlr .. "&requester_ip=203.0.113.7&PowerpackUUID="
  headers["X-Plivo-Signature-V3"] = sig
  headers["X-Plivo-Signature-V3-Nonce"] = nonce
  return wrk.format("POST", nil, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

-- wrk script for scripts/soak.sh: a round-robin mix of preflights (accepted and
-- refused), allowed and disallowed actual requests, and malformed ones, under the
-- `Strict` policy of the soak server. Every answer must be 204 with ACAO, 403 without,
-- or 200 (with ACAO for the allowed origins only), each class in its share of the mix.

local host = "127.0.0.1"

-- { raw request, expected status, whether ACAO must be present }
local function req(method, headers, status, acao)
  local lines = { method .. " /items HTTP/1.1", "Host: " .. host }
  for _, h in ipairs(headers) do lines[#lines + 1] = h end
  return { table.concat(lines, "\r\n") .. "\r\n\r\n", status, acao }
end

local ACRM = "Access-Control-Request-Method: "
local ACRH = "Access-Control-Request-Headers: "
local kinds = {
  req("OPTIONS", { "Origin: https://app.test", ACRM .. "PUT", ACRH .. "content-type,x-api-key" }, 204, true),
  req("OPTIONS", { "Origin: https://a.b.app.test", ACRM .. "DELETE" }, 204, true),
  req("GET", { "Origin: https://app.test" }, 200, true),
  req("POST", { "Origin: https://x.app.test", "Content-Length: 0" }, 200, true),
  req("GET", { "Origin: https://evilapp.test" }, 200, false),
  req("GET", { "Origin: https://app.test.evil.com" }, 200, false),
  req("GET", {}, 200, false),
  req("OPTIONS", { "Origin: https://evil.test", ACRM .. "PUT" }, 403, false),
  req("OPTIONS", { "Origin: https://app.test", ACRM .. "TRACE" }, 403, false),
  req("OPTIONS", { "Origin: https://app.test", ACRM .. "PUT", ACRH .. "x-evil" }, 403, false),
  -- Malformed: ten thousand commas, two Origin lines, two ACRM lines, obs-text,
  -- an OPTIONS without Origin (the application's), a port on a pattern without one.
  req("OPTIONS", { "Origin: https://app.test", ACRM .. "PUT", ACRH .. string.rep(",", 10000) }, 403, false),
  req("GET", { "Origin: https://app.test", "Origin: https://app.test" }, 200, false),
  req("OPTIONS", { "Origin: https://app.test", ACRM .. "PUT", ACRM .. "PUT" }, 403, false),
  req("GET", { "Origin: https://app.test\233" }, 200, false),
  req("OPTIONS", { ACRM .. "PUT" }, 200, false),
  req("OPTIONS", { "Origin: https://a.app.test:8443", ACRM .. "PUT" }, 403, false),
}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  -- Answers by class: 204 (with ACAO), 403 (without), 200 with ACAO, 200 without,
  -- and anything else (a surprise whatever the request).
  c204, c403, c200_acao, c200_plain, other = 0, 0, 0, 0, 0
  first_surprise = ""
end

function request()
  sent = sent + 1
  return kinds[(sent - 1) % #kinds + 1][1]
end

function response(status, headers, body)
  local acao = headers["access-control-allow-origin"] ~= nil
    or headers["Access-Control-Allow-Origin"] ~= nil
  if status == 204 and acao then c204 = c204 + 1
  elseif status == 403 and not acao then c403 = c403 + 1
  elseif status == 200 and acao then c200_acao = c200_acao + 1
  elseif status == 200 then c200_plain = c200_plain + 1
  else
    other = other + 1
    if first_surprise == "" then
      first_surprise = string.format("status %d, ACAO %s", status, tostring(acao))
    end
  end
end

-- The kinds go round-robin, so each class's share of the answers is known; a layer
-- that answered any kind wrongly would shift the shares. Each connection may stop in
-- the middle of a round, hence a tolerance of one round per connection.
function done(summary, latency, requests)
  local got = { c204 = 0, c403 = 0, c200_acao = 0, c200_plain = 0, other = 0 }
  local example = ""
  for _, thread in ipairs(threads) do
    for key, _ in pairs(got) do got[key] = got[key] + thread:get(key) end
    local first = thread:get("first_surprise")
    if example == "" and first ~= nil then example = first end
  end
  local per_round = { c204 = 0, c403 = 0, c200_acao = 0, c200_plain = 0 }
  for _, kind in ipairs(kinds) do
    if kind[2] == 204 then per_round.c204 = per_round.c204 + 1
    elseif kind[2] == 403 then per_round.c403 = per_round.c403 + 1
    elseif kind[3] then per_round.c200_acao = per_round.c200_acao + 1
    else per_round.c200_plain = per_round.c200_plain + 1 end
  end
  local answered = got.c204 + got.c403 + got.c200_acao + got.c200_plain + got.other
  local rounds = answered / #kinds
  local surprises = got.other
  local shares = ""
  for key, n in pairs(per_round) do
    local expected = rounds * n
    if math.abs(got[key] - expected) > #kinds * #threads then
      surprises = surprises + 1
      example = example .. string.format(" %s=%d expected ~%.0f;", key, got[key], expected)
    end
    shares = shares .. string.format("%s=%d ", key, got[key])
  end
  local errors = summary.errors
  io.write(string.format(
    "SOAK requests=%d duration_s=%.1f rps=%.0f answered=%d surprises=%d " ..
    "socket_errors=%d (connect %d, read %d, write %d, timeout %d) p99_ms=%.2f %s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    answered, surprises, errors.connect + errors.read + errors.write + errors.timeout,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(99) / 1000, shares))
  if example ~= "" then io.write("SOAK surprise: " .. example .. "\n") end
end

-- A soak client: asks wrk's path, or with SOAK_DISTINCT set a new valid refund-checker answer on every
-- request (a coverage year from 2000 to 2025, which the checker answers, and a start date of the other
-- enrolment: no two requests of a run ask the same), and counts the answers by status.
local distinct = os.getenv("SOAK_DISTINCT")
local threads = {}
local counter = 0
ok, limited, server_errors, other = 0, 0, 0, 0

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

function request()
  if not distinct then return wrk.format(nil, wrk.path) end
  counter = counter + 1
  local n = counter * 8 + thread_number
  local day = math.floor(n / 26)
  local start = string.format("%d-%02d-%02d", 1990 + math.floor(day / 336) % 40, math.floor(day / 28) % 12 + 1, day % 28 + 1)
  return wrk.format(nil, "/checkers/refund/answer/?year=" .. (2000 + n % 26) .. "&other_scheme=employee&other_start=" .. start)
end

function response(status, headers, body)
  if status == 429 then limited = limited + 1
  elseif status >= 500 then server_errors = server_errors + 1
  elseif status < 300 then ok = ok + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local totals = {ok = 0, limited = 0, server_errors = 0, other = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  io.write(string.format("statuses: 2xx %d, 429 %d, 5xx %d, other %d\n",
    totals.ok, totals.limited, totals.server_errors, totals.other))
end

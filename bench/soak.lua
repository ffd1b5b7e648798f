-- Soak: each connection walks the list of paths in SOAK_PATHS (one a line) and counts 5xx answers.
local paths = {}
for line in io.lines(os.getenv("SOAK_PATHS")) do paths[#paths + 1] = line end
local threads = {}
local counter = 0
server_errors = 0

function setup(thread)
  threads[#threads + 1] = thread
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("server_errors") end
  io.write(string.format("server errors: %d\n", total))
end

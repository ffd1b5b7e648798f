-- Uncached rounds: every request asks for an address of its own. After `--` come the file of paths
-- (one a line), the number of lines before this round's, the number of this round's lines, and the
-- number of wrk's threads, which take the round's lines in turn. At the end: how many were asked, of how many.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  before = tonumber(args[2])
  lines = tonumber(args[3])
  step = tonumber(args[4])
  sent = 0
end

function request()
  -- Past the round's last line its first comes again: the summary below says so.
  local line = before + (sent * step + id - 1) % lines + 1
  sent = sent + 1
  return wrk.format(nil, paths[line])
end

function done(summary, latency, requests)
  local asked = 0
  for _, thread in ipairs(threads) do
    asked = asked + thread:get("sent")
  end
  io.write(string.format("Own addresses: %d asked of %d\n", asked, threads[1]:get("lines")))
end

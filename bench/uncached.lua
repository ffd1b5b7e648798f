-- Uncached rounds: every request asks for an address of its own, so none is answered from the page cache.
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function request()
  counter = counter + 1
  local separator = wrk.path:find("?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "uncached=" .. thread_number .. "-" .. counter)
end

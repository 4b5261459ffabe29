-- A crawler's walk for wrk (scripts/bench/wrk-walk.ts): each address of a list asked exactly once,
-- shared between wrk's threads. Arguments after `--`: the list's file (one path per line), the
-- number of threads, and an address whose answer never ends (an event stream). A thread writes
-- "walked" once every address of its share is answered; the bench then stops wrk (SIGINT), which
-- prints the result through wrk-report.lua's `done`.
-- wrk sends a request whenever a connection is free: past its share, a connection asks for the
-- stream, which holds it without an answer, so nothing but the walk is answered or timed (asking
-- the walk's addresses again, cache hits, were thousands of answers and lowered the latencies).
dofile(debug.getinfo(1, 'S').source:match('^@(.*/)') .. 'wrk-report.lua')

local started = 0
function setup(thread)
  thread:set('index', started)
  started = started + 1
end

local paths, nextPath, answered, walked, hold, verified = {}, 1, 0, false, nil, true
function init(args)
  local count, i = tonumber(args[2]), 0
  hold = args[3]
  -- wrk asks the first thread for one request before it starts, to check it, and sends nothing:
  -- that one is the stream, so no address of the walk is lost.
  verified = index ~= 0
  for line in io.lines(args[1]) do
    if i % count == index then paths[#paths + 1] = line end
    i = i + 1
  end
end

function request()
  if not verified then
    verified = true
    return wrk.format('GET', hold)
  end
  local path = paths[nextPath] or hold
  nextPath = nextPath + 1
  return wrk.format('GET', path)
end

function response(status, headers, body)
  answered = answered + 1
  if not walked and answered >= #paths then
    walked = true
    io.write('walked\n')
    io.flush()
  end
end

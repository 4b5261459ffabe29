-- A crawler's walk for wrk (scripts/bench/wrk-walk.ts): each address of a list asked exactly once,
-- shared between wrk's threads. Arguments after `--`: the list's file (one path per line) and the
-- number of threads. A thread writes "walked" once every address of its share is answered; the
-- bench then stops wrk (SIGINT), which prints the result through wrk-report.lua's `done`.
-- After its share, a connection asks the thread's first address again (a cache hit) until the
-- thread's last answers arrive: at most one request per connection, counted in wrk's latencies.
dofile(debug.getinfo(1, 'S').source:match('^@(.*/)') .. 'wrk-report.lua')

local started = 0
function setup(thread)
  thread:set('index', started)
  started = started + 1
end

local paths, nextPath, answered, walked = {}, 1, 0, false
function init(args)
  local count, i = tonumber(args[2]), 0
  for line in io.lines(args[1]) do
    if i % count == index then paths[#paths + 1] = line end
    i = i + 1
  end
end

function request()
  local path = paths[nextPath] or paths[1]
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

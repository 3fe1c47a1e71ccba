-- The preload library in a forking, threaded program (python3): calls
-- from 8 threads at once are all served, each with its own answer; a
-- forked child makes its calls in libc (the master never sees them) while
-- the parent is still served; openat() with a directory descriptor reaches
-- the master as "openat" with that descriptor.
local libc_service = require 'libc_service'
local system = require 'system'
local fs = require 'filesystem'

local master, slave = libc_service.new()
local seen = {}
spawn(function()
    while pcall(master.receive, master) do
        local fn = master.function_
        local path = tostring((master:arguments()))
        local fds = {master:descriptors()}
        for _, fd in ipairs(fds) do fd:close() end
        if path:find('^/nonexistent/') or fn == 'openat' then
            seen[#seen + 1] = fn .. ' ' .. path .. ' fds=' .. #fds
        end
        local n = path:match('^/nonexistent/thread(%d+)$')
        if n then
            -- each thread gets its own errno back
            master:send(-1, 100 + tonumber(n))
        else
            master:use_slave_credentials()
        end
    end
end):detach()

local env = system.environment
env.LD_PRELOAD = libc_service.preload_library_path
env.EMILUA_LIBC_SERVICE_FD = '3'
local child = system.spawn{
    program = '/usr/bin/python3',
    arguments = {'python3', '-c', [[
import os, threading
results = {}
def worker(n):
    got = set()
    for _ in range(20):
        try:
            os.open('/nonexistent/thread%d' % n, os.O_RDONLY)
        except OSError as e:
            got.add(e.errno)
    results[n] = got
threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print('threads:', all(results[n] == {100 + n} for n in range(8)))
pid = os.fork()
if pid == 0:
    try:
        os.open('/nonexistent/child', os.O_RDONLY)
    except OSError as e:
        print('child:', e.errno)
    os._exit(0)
os.waitpid(pid, 0)
try:
    os.open('/nonexistent/parent', os.O_RDONLY)
except OSError as e:
    print('parent:', e.errno)
d = os.open('/etc', os.O_RDONLY | os.O_DIRECTORY)
f = os.open('hostname', os.O_RDONLY, dir_fd=d)
print('openat:', len(os.read(f, 100)) > 0)
]]},
    environment = env,
    stdout = 'share',
    stderr = 'share',
    extra_fds = { [3] = slave },
}
child:wait()
print('exit code', child.exit_code)
local counts, order = {}, {}
for _, line in ipairs(seen) do
    if not counts[line] then order[#order + 1] = line end
    counts[line] = (counts[line] or 0) + 1
end
table.sort(order)
for _, line in ipairs(order) do print('master saw: ' .. line .. ' x' .. counts[line]) end

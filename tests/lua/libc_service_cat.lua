-- An unmodified cat run with the preload library: its open() of a path the
-- master chooses is answered with a pipe the master fills; other opens go
-- to libc (use_slave_credentials). The filter turns the reply (-2 plus a
-- descriptor) into cat's file descriptor.
local libc_service = require 'libc_service'
local system = require 'system'
local stream = require 'stream'
local pipe = require 'pipe'
local fs = require 'filesystem'

local master, slave = libc_service.new()
slave.open = [[
local real_open, path, flags, mode = ...
local res, errno, fd = real_open(path, flags, mode)
if res == -2 then return fd end
return res, errno
]]

local served = {}
spawn(function()
    while true do
        local ok = pcall(master.receive, master)
        if not ok then return end
        local path, flags = master:arguments()
        if master.function_ == 'open' and path == fs.path.new('/nonexistent/greeting') then
            served[#served + 1] = table.concat(flags, ',')
            local pi, po = pipe.pair()
            spawn(function()
                stream.write_all(po, 'hello from the master\n')
                po:close()
            end):detach()
            local fd = pi:release()
            master:send_with_fds(-2, {fd})
            fd:close()
        else
            master:use_slave_credentials()
        end
    end
end):detach()

local env = system.environment
env.LD_PRELOAD = libc_service.preload_library_path
env.EMILUA_LIBC_SERVICE_FD = '3'
local reader, writer = pipe.pair()
local opts = {
    program = 'cat',
    arguments = {'cat', '/nonexistent/greeting', '/dev/null'},
    environment = env,
    stdout = writer:release(),
    stderr = 'share',
    extra_fds = { [3] = slave },
}
local child = system.spawn(opts)
opts.stdout:close()
local out = {}
local buf = byte_span.new(1024)
while true do
    local ok, n = pcall(reader.read_some, reader, buf)
    if not ok then break end
    out[#out + 1] = tostring(buf:first(n))
end
child:wait()
print('exit code', child.exit_code)
io.write(table.concat(out))
print('served: ' .. table.concat(served, ' '))
local ok, err = pcall(system.spawn, { program = 'true', extra_fds = { [3] = slave } })
print(ok, err, err.arg, err.detail)
-- Filters larger than the library accepts are refused before the child runs.
local _, big = libc_service.new()
big.open = string.rep('-', 70000)
ok, err = pcall(system.spawn, { program = 'true', extra_fds = { [3] = big } })
print(ok, err, err.arg, err.detail)

-- Unmodified programs run with the preload library behave as without it
-- when the master answers use_slave_credentials() to every request: cat,
-- ls, sh and python3 (opens, stats, mkdir/rename/unlink/rmdir, access).
-- The master also sees the calls (their functions are listed).
local libc_service = require 'libc_service'
local system = require 'system'
local pipe = require 'pipe'

local dir = '/tmp/emilua-ts-libc-passthrough-' .. tostring(system.getpid())

local function run(program, args)
    local master, slave = libc_service.new()
    local seen = {}
    spawn(function()
        while pcall(master.receive, master) do
            seen[master.function_] = true
            master:use_slave_credentials()
        end
    end):detach()
    local env = system.environment
    env.LD_PRELOAD = libc_service.preload_library_path
    env.EMILUA_LIBC_SERVICE_FD = '3'
    env.DIR = dir
    local reader, writer = pipe.pair()
    local opts = {
        program = program, arguments = args, environment = env,
        stdout = writer:release(), stderr = 'share', extra_fds = { [3] = slave },
    }
    local child = system.spawn(opts)
    opts.stdout:close()
    local out = {}
    local buf = byte_span.new(4096)
    while true do
        local ok, n = pcall(reader.read_some, reader, buf)
        if not ok then break end
        out[#out + 1] = tostring(buf:first(n))
    end
    child:wait()
    local names = {}
    for name in pairs(seen) do names[#names + 1] = name end
    table.sort(names)
    io.write(args[1], ' exit ', child.exit_code, ' served {', table.concat(names, ' '), '}\n', table.concat(out))
end

run('/bin/sh', {'sh', '-c', 'mkdir "$DIR" && echo one > "$DIR/a" && echo two > "$DIR/b" && test -r "$DIR/a" && echo sh ok'})
run('/bin/cat', {'cat', dir .. '/a', dir .. '/b'})
run('/bin/ls', {'ls', '-1', dir})
run('/usr/bin/python3', {'python3', '-c', [[
import os
d = os.environ['DIR']
os.mkdir(d + '/sub')
os.rename(d + '/a', d + '/sub/c')
print(open(d + '/sub/c').read().strip(), os.path.isdir(d + '/sub'), os.access(d + '/b', os.R_OK))
os.unlink(d + '/sub/c')
os.unlink(d + '/b')
os.rmdir(d + '/sub')
os.rmdir(d)
print(os.path.exists(d))
]]})

-- The escape suite's driver (README.md). arg[1]: the directory of the
-- built programs; arg[2]: an abstract socket name the harness listens on.
-- Inherited: fd 3 a pty master, fd 4 a read-only file, fd 5 one end of a
-- unix seqpacket pair whose other end the harness reads with the runtime's
-- receive guard. Each program runs twice: plain (the control: does the
-- attack work at all here?) and under seccomp_policy.spawn_options().
-- Prints one line per program and the total.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'
local time = require 'time'
local sp = require 'seccomp_policy'

local args = system.arguments
local bindir, abstract = args[#args - 1], args[#args]
local pty, rofile, seqpacket = system.get_lowfd(3), system.get_lowfd(4), system.get_lowfd(5)

local function run(name, args, fd3, sandboxed)
    local opts = {}
    if sandboxed then opts = sp.spawn_options{ executable = bindir .. '/' .. name } end
    local reader, writer = pipe.pair()
    opts.program = bindir .. '/' .. name
    opts.arguments = {name, table.unpack(args)}
    opts.stdout = writer:release()
    opts.stderr = 'share'
    if fd3 then opts.extra_fds = {[3] = fd3} end
    local child = system.spawn(opts)
    opts.stdout:close()
    local ok, line = pcall(function()
        return tostring(stream.scanner.new{ stream = reader }:get_line())
    end)
    child:wait()
    return child.exit_code, ok and line or '(no output)'
end

local sibling = system.spawn{ program = 'sleep', arguments = {'sleep', '60'} }

-- name, args, fd 3
local cases = {
    {'int80', {}}, {'x32', {}}, {'userns', {}}, {'io_uring', {}},
    {'tiocsti', {}, pty}, {'reopen', {}, rofile}, {'abstract', {abstract}},
    {'killparent', {}}, {'ptrace', {tostring(sibling.pid)}}, {'rawopenat', {}},
}

local denied, total = 0, 0
local function verdict(name, ok, control, detail)
    total = total + 1
    if ok then denied = denied + 1 end
    print(string.format('%-10s %-8s control: %-8s %s', name, ok and 'denied' or 'ESCAPED', control, detail))
end

for _, c in ipairs(cases) do
    local control = run(c[1], c[2], c[3] and c[3]:dup(), false)
    local status, detail = run(c[1], c[2], c[3] and c[3]:dup(), true)
    verdict(c[1], status == 0, control == 1 and 'escapes' or control == 0 and 'fails' or 'broken', detail)
end

-- O_NONBLOCK flipped under a pipe the runtime reads: one fiber reads, one
-- sleeps then writes; the read only completes if the loop kept running.
do
    local reader, writer = pipe.pair()
    local fd = reader:release()
    local status, detail = run('nonblock', {}, fd:dup(), true)
    reader = pipe.read_stream.new(fd)
    local ticked = false
    local f = spawn(function()
        time.sleep(0.05)
        ticked = true
        writer:write_some(byte_span.append('ok'))
    end)
    local buf = byte_span.new(8)
    local n = reader:read_some(buf)
    f:join()
    verdict('nonblock', status == 0 and ticked and n == 2, 'n/a', detail .. (ticked and '; parent stayed responsive' or ''))
end

-- The inbox attack: the harness checks what arrived (prints its own line).
do
    local status, detail = run('ctrunc', {}, seqpacket:dup(), true)
    print(string.format('ctrunc-sent %d %s', status, detail))
end

sibling:kill(9)
sibling:wait()
print(string.format('%d/%d escapes denied (driver)', denied, total))

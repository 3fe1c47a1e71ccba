-- init.script: `arg` is the init.arg descriptor (a handshake over a
-- socketpair, before the actor runs); errexit aborts on a failing C call and
-- spawn_vm raises an error naming init.script; a script error does the same;
-- errexit = false hands the errno back to the script.
local inbox = require 'inbox'
local unix = require 'unix'

local ours, theirs = unix.seqpacket.socket.pair()
local ch = spawn_vm{
    module = '/actor_subprocess/idle',
    subprocess = {
        init = {
            arg = theirs:release(),
            script = [[
                C.write(arg, 'hello from init.script')
                local reply = C.read(arg, 64)
                C.write(arg, 'init.script got: ' .. reply)
            ]],
        },
    },
}
local buf = byte_span.new(64)
print(tostring(buf:sub(1, ours:receive(buf))))
ours:send(byte_span.append('welcome'))
print(tostring(buf:sub(1, ours:receive(buf))))
ch:send(inbox)
print('actor', inbox:receive())
ch:kill()

local function try_spawn(script)
    local ok, err = pcall(spawn_vm, { module = '/actor_subprocess/idle', subprocess = { init = { script = script } } })
    return ok, tostring(err)
end
print(try_spawn("C.open('/nonexistent/file', C.O_RDONLY)"))
print(try_spawn("local x = nil; x.field = 1"))
print(try_spawn("this is not lua"))
local ok = try_spawn([[
    errexit = false
    local fd, errno = C.open('/nonexistent/file', C.O_RDONLY)
    if fd ~= -1 or errno ~= C.ENOENT then error('unexpected') end
]])
print('errexit = false', ok)

-- With init.arg, spawn_vm does not wait for the script (it may wait for us):
-- a failure then closes the channel and is reported on stderr.
local ours2, theirs2 = unix.seqpacket.socket.pair()
local ch2 = spawn_vm{
    module = '/actor_subprocess/idle',
    subprocess = { init = { arg = theirs2:release(), script = "C.read(arg, 1); C.open('/nonexistent/file', C.O_RDONLY)" } },
}
print('spawn_vm returned', type(ch2.child_pid))
ours2:send(byte_span.append('go'))
local time = require 'time'
local closed = false
for _ = 1, 500 do
    if not pcall(ch2.send, ch2, 'probe') then closed = true break end
    time.sleep(0.01)
end
print('channel closed after the failure', closed)

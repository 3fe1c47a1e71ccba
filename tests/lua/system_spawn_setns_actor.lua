-- setns_net into the network namespace of a subprocess actor: the actor's
-- init.script (already inside newns_net) opens /proc/self/ns/net and hands
-- the descriptor back over init.arg; a program spawned with setns_net = that
-- descriptor runs in the actor's namespace, not in ours.
local inbox = require 'inbox'
local unix = require 'unix'
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'
local fs = require 'filesystem'

local ours, theirs = unix.seqpacket.socket.pair()
local actor = spawn_vm{
    module = '/actor_subprocess/idle',
    subprocess = {
        newns_user = true,
        newns_net = true,
        init = {
            arg = theirs:release(),
            script = [[
                local ns = C.open('/proc/self/ns/net', C.O_RDONLY)
                send_with_fd(arg, 'net', ns)
                C.close(ns)
            ]],
        },
    },
}

local buf = byte_span.new(16)
local n, fds = ours:receive_with_fds(buf, 1)
print('init.script sent', tostring(buf:sub(1, n)), #fds, 'descriptor')
local actor_net = fds[1]

local function first_line(opts)
    local reader, writer = pipe.pair()
    opts.stdout = writer:release()
    local child = system.spawn(opts)
    opts.stdout:close()
    local line = tostring(stream.scanner.new{ stream = reader }:get_line())
    child:wait()
    return line
end

local own = tostring(fs.read_symlink(fs.path.new('/proc/self/ns/net')))
local of_actor = tostring(fs.read_symlink(fs.path.new('/proc/' .. actor.child_pid .. '/ns/net')))
print('the actor has a network namespace of its own:', of_actor ~= own)

local joined = first_line{ program = 'readlink', arguments = {'readlink', '/proc/self/ns/net'}, setns_net = actor_net }
print('setns_net joins the actor\'s namespace:', joined == of_actor)
-- only the loopback device exists there (header lines, then "lo:")
local devices = first_line{
    program = 'sh', arguments = {'sh', '-c', 'tail -n +3 /proc/self/net/dev | cut -d: -f1 | tr -d " " | tr "\\n" " "'},
    setns_net = actor_net,
}
print('devices there:', devices)

actor:send(inbox)
print('the actor still answers:', inbox:receive())
actor:kill()

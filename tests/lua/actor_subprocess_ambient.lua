-- ambient_authority_off() in init.script (emilua-ts extension): one call
-- sets no_new_privs, a Landlock domain handling every right of the running
-- ABI with no rule (TCP and scoping included) and the runtime's seccomp deny
-- list. The actor starts and computes; no path opens, no TCP connection is
-- made, no program starts. The script reports what it applied.
local inbox = require 'inbox'
local unix = require 'unix'
local ip = require 'ip'

local ours, theirs = unix.seqpacket.socket.pair()
local actor = spawn_vm{
    module = '/actor_subprocess/confined',
    subprocess = {
        init = {
            arg = theirs:release(),
            script = [[
                local report = ambient_authority_off()
                C.write(arg, table.concat(report.applied, '\n') .. '\n(' .. #report.not_applied .. ' not applied)')
            ]],
        },
    },
}
local buf = byte_span.new(1024)
print(tostring(buf:sub(1, ours:receive(buf))))

local listener = ip.tcp.acceptor.new()
listener:open('v4')
listener:bind(ip.address.loopback_v4(), 0)
listener:listen()

actor:send(inbox)
actor:send{ what = 'compute', n = 4 }
print('computes:', inbox:receive())
actor:send{ what = 'open', path = '/etc/hostname' }
print('open a path:', inbox:receive())
actor:send{ what = 'connect', port = listener.local_port }
print('TCP connect to a local listener:', inbox:receive())
actor:send{ what = 'spawn' }
print('system.spawn:', inbox:receive())
actor:send{ what = 'bye' }

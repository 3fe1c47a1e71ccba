-- newns_user + newns_pid + newns_net: the init.script runs as PID1 of the
-- new PID namespace and forks the actor, which is pid 2 there (Emilua's
-- builtin PID1); the new network namespace has only the loopback interface.
local inbox = require 'inbox'
local system = require 'system'
local ch = spawn_vm{
    module = '/actor_subprocess/namespaces',
    subprocess = { newns_user = true, newns_pid = true, newns_net = true, stderr = 'share' },
}
ch:send(inbox)
local m = inbox:receive()
print('pid in the namespace', m.pid)
print('pid seen from here differs', ch.child_pid ~= m.pid)
print('interfaces', m.interfaces)

-- get_option('remote_credentials') of a socket pair: the peer is this very
-- process. Linux reports the primary group only.
local unix = require 'unix'
local system = require 'system'

local _, euid = system.getresuid()
local _, egid = system.getresgid()
for _, kind in ipairs{'stream', 'seqpacket'} do
    local a, b = unix[kind].socket.pair()
    local creds = a:get_option('remote_credentials')
    print(kind, creds.uid == euid, creds.pid == system.getpid(), #creds.groups, creds.groups[1] == egid)
end
local d = unix.datagram.socket.pair()
print('datagram', pcall(d.get_option, d, 'remote_credentials'))
local s = unix.stream.socket.pair()
print('set', pcall(s.set_option, s, 'remote_credentials', {}))
print('freebsd only', pcall(s.get_option, s, 'remote_security_labels'))
s:set_option('receive_buffer_size', 65536)
print('buffer grew', s:get_option('receive_buffer_size') >= 65536)
print('debug', s:get_option('debug'))

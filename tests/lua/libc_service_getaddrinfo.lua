-- getaddrinfo and connect() of inet sockets in an unmodified python3: the
-- master answers names it knows with an address (and a port), an unknown
-- name with "noname", and sees the connect() of the resolved address with
-- its port, which it refuses (ECONNREFUSED) without any network traffic.
local libc_service = require 'libc_service'
local system = require 'system'
local ip = require 'ip'

local master, slave = libc_service.new()
local seen = {}
spawn(function()
    while pcall(master.receive, master) do
        local fn = master.function_
        if fn == 'getaddrinfo' then
            local node, service, protocol = master:arguments()
            seen[#seen + 1] = string.format('getaddrinfo %s %s %s', node, service, protocol)
            if node == 'service.example' then
                master:send{ ip.address.new('192.0.2.7'), 8080 }
            elseif node == 'six.example' then
                master:send{ ip.address.new('2001:db8::5') }
            else
                master:send('noname')
            end
        elseif fn == 'connect_inet' then
            local address, port = master:arguments()
            seen[#seen + 1] = string.format('connect_inet %s %d', tostring(address), port)
            master:send(-1, 111)
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
import socket
for info in socket.getaddrinfo('service.example', 'http', type=socket.SOCK_STREAM):
    print(info[0].name, info[1].name, info[4])
print([i[4][0] for i in socket.getaddrinfo('six.example', None, proto=socket.IPPROTO_UDP)])
try:
    socket.getaddrinfo('unknown.example', None)
except socket.gaierror as e:
    print('unknown:', e.errno == socket.EAI_NONAME)
s = socket.socket()
try:
    s.connect(('192.0.2.7', 8080))
except ConnectionRefusedError as e:
    print('connect:', e.errno)
]]},
    environment = env,
    stdout = 'share',
    stderr = 'share',
    extra_fds = { [3] = slave },
}
child:wait()
print('exit code', child.exit_code)
for _, line in ipairs(seen) do print('master saw: ' .. line) end

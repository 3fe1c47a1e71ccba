-- Filters of the preload library for stat, lstat, connect_inet and
-- getaddrinfo, in an unmodified python3: a stat filter changes the master's
-- table and libc's own answer (use_slave_credentials); an lstat filter
-- answers alone (the master sees nothing); a connect() to 127.0.0.1:1 is
-- rerouted to a local unix server the master connects to (dup2 in the
-- filter); a getaddrinfo filter renames a host before asking the master and
-- refuses another one by itself.
local libc_service = require 'libc_service'
local system = require 'system'
local stream = require 'stream'
local unix = require 'unix'
local ip = require 'ip'
local fs = require 'filesystem'

local server_path = fs.path.new('/tmp/emilua-ts-libc-inet-' .. system.getpid())
local acceptor = unix.stream.listen(server_path)
spawn(function()
    local peer = acceptor:accept()
    stream.write_all(peer, 'hello from the local server\n')
    peer:close()
end):detach()

local master, slave = libc_service.new()
slave.stat = [[
local real_stat, path = ...
local st, errno = real_stat(path)
if type(st) ~= 'table' then return st, errno end
st.nlink = st.nlink + 1
if path == '/' then st.uid = 4242 end
return st
]]
slave.lstat = [[
local real_lstat, path = ...
if path:find('^/hidden/') then return -1, 2 end
return real_lstat(path)
]]
slave.connect_inet = [[
local real_connect, fd, addr, port = ...
local res, errno, sock = real_connect(fd, addr, port)
if sock then
    C.dup2(sock, fd)
    C.close(sock)
end
return res, errno
]]
slave.getaddrinfo = [[
local real_getaddrinfo, node, service, protocol = ...
if node == 'blocked.example' then return 'noname' end
if node == 'alias.example' then node = 'service.example' end
return real_getaddrinfo(node, service, protocol)
]]

local seen = {}
spawn(function()
    while pcall(master.receive, master) do
        local fn = master.function_
        local a, b = master:arguments()
        if fn == 'stat' and a == fs.path.new('/virtual/file') then
            seen[#seen + 1] = 'stat /virtual/file'
            master:send{ type = 'regular', mode = 420, nlink = 2, size = 77,
                         mtime = fs.clock.unix_epoch() + 1000000000.5 }
        elseif fn == 'connect_inet' and a == ip.address.new('127.0.0.1') and b == 1 then
            seen[#seen + 1] = 'connect_inet 127.0.0.1 1'
            local sock = unix.stream.socket.new()
            sock:connect(server_path)
            local fd = sock:release()
            master:send_with_fds(0, {fd})
            fd:close()
        elseif fn == 'getaddrinfo' then
            seen[#seen + 1] = 'getaddrinfo ' .. tostring(a) .. ' ' .. tostring(b)
            master:send{ ip.address.new('192.0.2.7'), 8080 }
        elseif fn == 'lstat' and tostring(a):find('^/hidden/') then
            seen[#seen + 1] = 'lstat ' .. tostring(a)
            master:use_slave_credentials()
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
import os, socket
st = os.stat('/virtual/file')
print('virtual:', oct(st.st_mode), st.st_nlink, st.st_size, st.st_mtime_ns)
root = os.stat('/')
print('root:', root.st_uid, root.st_nlink == os.lstat('/').st_nlink + 1)
try:
    os.lstat('/hidden/thing')
except FileNotFoundError as e:
    print('hidden:', e.errno)
s = socket.socket()
s.connect(('127.0.0.1', 1))
s.setblocking(True)  # the master's socket came non-blocking (docs/compat.md)
print(s.makefile().readline().strip())
print([i[4] for i in socket.getaddrinfo('alias.example', 'http', type=socket.SOCK_STREAM)])
try:
    socket.getaddrinfo('blocked.example', None)
except socket.gaierror as e:
    print('blocked:', e.errno == socket.EAI_NONAME)
]]},
    environment = env,
    stdout = 'share',
    stderr = 'share',
    extra_fds = { [3] = slave },
}
child:wait()
print('exit code', child.exit_code)
for _, line in ipairs(seen) do print('master saw: ' .. line) end
fs.remove(server_path)

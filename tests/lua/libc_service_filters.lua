-- Filters and master replies on an unmodified python3: stat answered with
-- a table; connect() of a unix path rerouted by the master to a socket of
-- its own connected to a local server, which the filter dup2()s over the
-- program's socket (init.script C API); a filter that never calls real_fn sends nothing to the master.
local libc_service = require 'libc_service'
local system = require 'system'
local stream = require 'stream'
local fs = require 'filesystem'
local unix = require 'unix'

-- The local server the master reroutes /virtual/sock to (the blog's Xephyr).
local server_path = fs.path.new('/tmp/emilua-ts-libc-filters-' .. system.getpid())
local acceptor = unix.stream.listen(server_path)
spawn(function()
    local peer = acceptor:accept()
    stream.write_all(peer, 'hello over the rerouted descriptor')
    peer:close()
end):detach()

local master, slave = libc_service.new()
slave.connect_unix = [[
local real_connect, fd, path = ...
local res, errno, sock = real_connect(fd, path)
if res ~= -2 then return res, errno end
C.dup2(sock, fd)
C.close(sock)
return 0
]]
slave.unlink = [[
local real_unlink, path = ...
if path:find('^/protected/') then return -1, 13 end -- EACCES
return real_unlink(path)
]]

local requests = {}
spawn(function()
    while pcall(master.receive, master) do
        local fn = master.function_
        local path = master:arguments()
        if fn == 'stat' and path == fs.path.new('/virtual/file') then
            requests[#requests + 1] = 'stat /virtual/file'
            master:send{ type = 'regular', size = 1234, mode = 416, nlink = 3, uid = 7, gid = 8, mtime = 1000000000 }
        elseif fn == 'stat' and path == fs.path.new('/virtual/missing') then
            requests[#requests + 1] = 'stat /virtual/missing'
            master:send(-1, 2)
        elseif fn == 'connect_unix' and path == fs.path.new('/virtual/sock') then
            requests[#requests + 1] = 'connect_unix /virtual/sock'
            local sock = unix.stream.socket.new()
            sock:connect(server_path)
            local fd = sock:release()
            master:send_with_fds(-2, {fd})
            fd:close()
        elseif fn == 'unlink' then
            requests[#requests + 1] = 'unlink ' .. tostring(path)
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
import os, socket, stat
st = os.stat('/virtual/file')
print(stat.S_ISREG(st.st_mode), oct(stat.S_IMODE(st.st_mode)), st.st_size, st.st_nlink, st.st_uid, st.st_gid, int(st.st_mtime))
try:
    os.stat('/virtual/missing')
except FileNotFoundError as e:
    print('missing:', e.errno)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect('/virtual/sock')
s.setblocking(True)  # the master's socket came non-blocking (docs/compat.md)
print(os.read(s.fileno(), 100).decode())
try:
    os.unlink('/protected/x')
except PermissionError as e:
    print('unlink:', e.errno)
]]},
    environment = env,
    stdout = 'share',
    stderr = 'share',
    extra_fds = { [3] = slave },
}
child:wait()
print('exit code', child.exit_code)
for _, r in ipairs(requests) do print('master saw: ' .. r) end
fs.remove(server_path)

-- A subprocess actor's filesystem, unix and ip calls answered by the
-- master: stat with a table, stat failures, remove/rename/create_directory,
-- a unix connect() rerouted to a local server the master connects to (the
-- filter dup2()s the master's socket over the actor's, as in the blog's
-- Xephyr example), getaddrinfo and an inet connect refused. Filters that
-- never call real_fn send nothing to the master (unlink); a filter that
-- reaches outside the C API available to actors fails with EIO and says
-- why on stderr (mkdir).
local libc_service = require 'libc_service'
local stream = require 'stream'
local unix = require 'unix'
local ip = require 'ip'
local fs = require 'filesystem'
local system = require 'system'

local server_path = fs.path.new('/tmp/emilua-ts-libc-actor-' .. system.getpid())
local acceptor = unix.stream.listen(server_path)
spawn(function()
    local peer = acceptor:accept()
    stream.write_all(peer, 'hello from the local display server\n')
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
if path:find('^/protected/') then return -1, 13 end
return real_unlink(path)
]]
slave.mkdir = [[
local real_mkdir, path, mode = ...
C.execve('/bin/sh', {'sh'})
]]

local seen = {}
spawn(function()
    while pcall(master.receive, master) do
        local fn = master.function_
        local a, b = master:arguments()
        seen[#seen + 1] = fn .. ' ' .. tostring(a) .. (b and (' ' .. tostring(b)) or '')
        if fn == 'stat' and a == fs.path.new('/virtual/file') then
            master:send{ type = 'regular', mode = 416, size = 1234, nlink = 3 }
        elseif fn == 'stat' and a == fs.path.new('/virtual/missing') then
            master:send(-1, 2)
        elseif fn == 'rename' then
            master:send(-1, 18) -- EXDEV
        elseif fn == 'connect_unix' and a == fs.path.new('/tmp/.X11-unix/X99') then
            local sock = unix.stream.socket.new()
            sock:connect(server_path)
            local fd = sock:release()
            master:send_with_fds(-2, {fd})
            fd:close()
        elseif fn == 'getaddrinfo' then
            if a == 'service.example' then
                master:send{ ip.address.new('192.0.2.7'), 8080 }
            else
                master:send('noname')
            end
        elseif fn == 'connect_inet' then
            master:send(-1, 111) -- ECONNREFUSED
        else
            master:use_slave_credentials()
        end
    end
    for _, line in ipairs(seen) do print('master saw: ' .. line) end
    fs.remove(server_path)
end):detach()

spawn_vm{
    module = '/libc_service_actor/calls',
    subprocess = { libc_service = slave, stdout = 'share', stderr = 'share' },
}

-- The blog's /dev/null example with a subprocess actor: the actor opens
-- /dev/null, the master hands it the read end of a pipe it fills, the actor
-- prints the pipe's line; a second open the master passes through
-- (use_slave_credentials) reads the real file. The master sees only the
-- actor's own calls, none of its host's start-up (Node reading its files).
-- A slave serves one actor: using it again raises.
local libc_service = require 'libc_service'
local stream = require 'stream'
local pipe = require 'pipe'
local fs = require 'filesystem'

local master, slave = libc_service.new()
slave.open = [[
local real_open, path, flags, mode = ...
local res, errno, fd = real_open(path, flags, mode)
if res == -2 then return fd end
return res, errno
]]

local seen, refusals = {}, {}
spawn(function()
    while pcall(master.receive, master) do
        local path = master:arguments()
        seen[#seen + 1] = master.function_ .. ' ' .. tostring(path)
        if master.function_ == 'open' and path == fs.path.new('/dev/null') then
            local theirs, mine = pipe.pair()
            spawn(function()
                stream.write_all(mine, 'a line from the master\n')
                mine:close()
            end):detach()
            local fd = theirs:release()
            master:send_with_fds(-2, {fd})
            fd:close()
        else
            master:use_slave_credentials()
        end
    end
    for _, line in ipairs(seen) do print('master saw: ' .. line) end
    for _, line in ipairs(refusals) do print(line) end
end):detach()

local actor = spawn_vm{
    module = '/libc_service_actor/blog',
    subprocess = { libc_service = slave, stdout = 'share', stderr = 'share' },
}

local ok, err = pcall(spawn_vm, {
    module = '/libc_service_actor/blog',
    subprocess = { libc_service = slave },
})
refusals[1] = table.concat({tostring(ok), tostring(err), err.arg, err.detail}, ' ')
ok, err = pcall(spawn_vm, { module = '/libc_service_actor/blog', subprocess = { libc_service = 'slave' } })
refusals[2] = table.concat({tostring(ok), tostring(err), err.arg}, ' ')

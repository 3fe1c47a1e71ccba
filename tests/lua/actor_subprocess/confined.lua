-- An actor confined by its init.script (actor_subprocess_landlock.lua,
-- actor_subprocess_seccomp.lua): it answers what it can still do.
local inbox = require 'inbox'
local fs = require 'filesystem'
local system = require 'system'
local stream = require 'stream'

local function try(fn, ...)
    local ok, err = pcall(fn, ...)
    if ok then return 'ok' end
    return tostring(err)
end

local parent = inbox:receive()
while true do
    local request = inbox:receive()
    if request.what == 'compute' then
        local sum = 0
        for i = 1, request.n do sum = sum + i end
        parent:send(sum)
    elseif request.what == 'open' then
        parent:send(try(fs.open, fs.path.new(request.path), { 'read_only' }))
    elseif request.what == 'read handed-in' then
        local file = require('file').stream.new()
        file:assign(request.fd)
        local buf = byte_span.new(64)
        local n = file:read_some(buf)
        parent:send(tostring(buf:sub(1, n)))
    elseif request.what == 'mkdir' then
        parent:send(try(fs.create_directory, fs.path.new(request.path)))
    elseif request.what == 'spawn' then
        parent:send(try(system.spawn, { program = 'true' }))
    elseif request.what == 'bye' then
        return
    end
end

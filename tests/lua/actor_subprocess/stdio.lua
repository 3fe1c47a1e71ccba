local inbox = require 'inbox'
local stream = require 'stream'
local system = require 'system'
local parent = inbox:receive()
local function try(f, ...)
    local ok, err = pcall(f, ...)
    return ok and 'ok' or tostring(err)
end
local buf = byte_span.new(16)
local stdin = try(function() return system.in_:read_some(buf) end)
local out = try(stream.write_all, system.out, 'stdout of the child\n')
local err = try(stream.write_all, system.err, 'stderr of the child\n')
parent:send{ stdin = stdin, stdout = out, stderr = err }

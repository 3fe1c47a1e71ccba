-- system.in_/out/err: stream-like objects whose `self` is ignored.
local system = require 'system'
local stream = require 'stream'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    return tostring(e.category) .. ': ' .. tostring(e) .. (e.arg and (' arg=' .. tostring(e.arg)) or '')
end

print('write_some', system.out:write_some(byte_span.append('to stdout\n')))
print('self ignored', system.out.write_some(nil, byte_span.append('again\n')))
stream.write_all(system.err, 'to stderr\n')
print('isatty', system.in_:isatty(), system.out:isatty(), system.err:isatty())
print('not a terminal', try(system.out.tcgetpgrp, system.out))

-- The test runner gives an empty stdin.
print('stdin', try(system.in_.read_some, system.in_, byte_span.new(8)))
print('bad buffer', try(system.out.write_some, system.out, 'text'))
print('no read_some on out', try(function() return system.out.read_some end))

local copy = system.out:dup()
print('dup', type(copy.type), tostring(copy) ~= '/dev/fd/1')

-- Fibers writing at once: each write_some completes in order.
local fibers = {}
for i = 1, 3 do
    fibers[i] = spawn(function()
        system.out:write_some(byte_span.append('fiber ' .. i .. '\n'))
    end)
end
for i = 1, 3 do fibers[i]:join() end

-- dup_from puts another descriptor in a standard stream's place.
system.err:dup_from(copy)
stream.write_all(system.err, 'stderr now goes to stdout\n')
print('bad source', try(system.err.dup_from, system.err, 2))
copy:close()
print('closed source', try(system.err.dup_from, system.err, copy))

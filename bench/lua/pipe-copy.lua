-- P6: 512 MiB through a pipe: one fiber writes a 64 KiB byte_span with
-- stream.write_all, the main fiber reads with read_some into another 64 KiB
-- byte_span. Prints the byte count and the seconds the copy took.
local pipe = require 'pipe'
local stream = require 'stream'

local TOTAL = 512 * 1024 * 1024
local CHUNK = 64 * 1024

local r, w = pipe.pair()
local t0 = os.clock()
spawn(function()
    local block = byte_span.new(CHUNK)
    for _ = 1, TOTAL / CHUNK do stream.write_all(w, block) end
    w:close()
end)
local buf = byte_span.new(CHUNK)
local got = 0
while got < TOTAL do
    got = got + r:read_some(buf)
end
print(got, os.clock() - t0)

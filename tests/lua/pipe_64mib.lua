-- 64 MiB through a pipe, checked block by block, while another fiber keeps
-- running. Every 64 KiB block carries its number in its first four bytes
-- and a fixed pattern after them.
local pipe = require 'pipe'
local stream = require 'stream'

local BLOCK = 65536
local COUNT = 1024

local pattern = byte_span.new(BLOCK)
for i = 1, BLOCK do pattern[i] = (i * 7 + 3) % 256 end
local expected_tail = tostring(pattern:sub(5))

local r, w = pipe.pair()

local done = false
local ticks = 0
local ticker = spawn(function()
    while not done do
        ticks = ticks + 1
        this_fiber.yield()
    end
end)

local writer = spawn(function()
    local block = byte_span.new(BLOCK)
    block:copy(pattern)
    for i = 1, COUNT do
        block:sub(1, 4):set_u32be(i)
        stream.write_all(w, block)
    end
    w:close()
end)

local buf = byte_span.new(BLOCK)
local intact, bytes = 0, 0
for i = 1, COUNT do
    bytes = bytes + stream.read_all(r, buf)
    if buf:sub(1, 4):get_u32be() == i and tostring(buf:sub(5)) == expected_tail then
        intact = intact + 1
    end
end
local ok, err = pcall(r.read_some, r, buf)
done = true
writer:join()
ticker:join()

print('bytes', bytes)
print('intact blocks', intact)
print('then', ok, tostring(err))
print('other fiber ran', ticks > COUNT)

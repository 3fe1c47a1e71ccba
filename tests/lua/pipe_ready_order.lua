-- A read that finds its data already there still lets the other ready fibers
-- run first; with no other fiber ready, a long run of such reads goes on
-- without losing data or order.
local pipe = require 'pipe'
local stream = require 'stream'

local r, w = pipe.pair()
stream.write_all(w, 'abcdef')

local one = byte_span.new(1)
local other = spawn(function()
    for i = 1, 3 do
        print('other', i)
        this_fiber.yield()
    end
end)
for _ = 1, 3 do
    r:read_some(one)
    print('reader', tostring(one))
end
other:join()

-- 200 reads that all complete at once, alone.
local r2, w2 = pipe.pair()
local text = {}
for i = 1, 200 do text[i] = string.char(65 + i % 26) end
text = table.concat(text)
stream.write_all(w2, text)
w2:close()
local got = {}
while true do
    local ok, n = pcall(r2.read_some, r2, one)
    if not ok then break end
    got[#got + 1] = tostring(one)
end
print(#got, table.concat(got) == text)

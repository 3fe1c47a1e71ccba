-- Three fibers take turns; the main fiber waits for all of them.
local time = require 'time'

local function worker(name, delay)
    for i = 1, 3 do
        time.sleep(delay)
        print(format('{} step {}', name, i))
    end
    return name .. ' done'
end

local fibers = {
    spawn(function() return worker('fast', 0.01) end),
    spawn(function() return worker('slow', 0.025) end),
}

for _, fiber in ipairs(fibers) do
    print(fiber:join())
end
print('sum of 1..100000 is', (function()
    local s = 0
    for i = 1, 100000 do s = s + i end
    return s
end)())

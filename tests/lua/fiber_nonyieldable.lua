-- A suspending call where the fiber cannot yield (a table.sort comparator,
-- a string.gsub callback) raises a clean Lua error instead of crashing.
local time = require 'time'

local ok, err = pcall(table.sort, {3, 1, 2}, function(a, b)
    this_fiber.yield()
    return a < b
end)
print('table.sort', ok, err)

ok, err = pcall(string.gsub, 'abc', '%w', function(c)
    time.sleep(0)
    return c:upper()
end)
print('string.gsub', ok, type(err))

-- The fiber is still healthy afterwards.
this_fiber.yield()
local t = {3, 1, 2}
table.sort(t)
print(table.concat(t, ' '))

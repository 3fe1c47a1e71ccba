-- The program runs until every fiber has finished, not only the main one.
local time = require 'time'
spawn(function()
    time.sleep(0.02)
    print('a child finishes after the main fiber')
end)
spawn(function()
    this_fiber.yield()
    this_fiber.yield()
    print('another child yields past the end of the main fiber')
end)
print('main fiber ends')

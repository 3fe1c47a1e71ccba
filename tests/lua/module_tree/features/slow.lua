-- A module may suspend while it loads; its importer waits for it.
local time = require 'time'
print('slow module starts; main fiber?', this_fiber.is_main)
background = spawn(function()
    print('a fiber spawned by the module runs while it sleeps')
end)
time.sleep(0.01)
print('slow module ends')
ready = true

-- Fibers waiting on futures whose promises nobody will ever set: at shutdown
-- the VM reports each of them (the promise here is still referenced, but no
-- fiber is left to set it). A future already satisfied is not reported.
local future = require 'future'

local p1, f1 = future.new()
local p2, f2 = future.new()
local p3, f3 = future.new()
p3:set_value('done')

spawn(function()
    print('waiting in a fiber')
    f2:get()
    print('never printed')
end)
print('f3:', f3:get())
print('waiting in the main fiber')
f1:get()
print('never printed')

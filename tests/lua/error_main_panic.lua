-- An error that leaves the main fiber ends the VM: stderr shows
-- "Main fiber from VM 0x1 panicked: '<message>'" and a traceback, nothing
-- after it runs, and the process still exits with status 0.
spawn(function()
    this_fiber.yield()
    print('never printed: the VM ended')
end)
local function inner()
    error('something broke')
end
local function outer()
    inner()
end
print('before the error')
outer()
print('never printed')

-- cancellation_caught can only be read once the fiber was joined: before
-- that (running, finished, or detached) reading it raises EINVAL.
local generic_error = require 'generic_error'
local function read(f)
    local ok, err = pcall(function() return f.cancellation_caught end)
    if ok then return 'value ' .. tostring(err) end
    return tostring(err == generic_error.EINVAL)
end

local running = spawn(function() this_fiber.yield() end)
print('running', read(running))

local finished = spawn(function() end)
this_fiber.yield()
print('finished, not joined', read(finished))

local detached = spawn(function() end)
detached:detach()
print('detached', read(detached))

finished:join()
print('joined', read(finished))
running:join()

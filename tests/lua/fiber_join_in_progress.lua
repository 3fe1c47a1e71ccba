-- While one fiber waits in join(), the target is not joinable for anyone
-- else: a second join() or a detach() is EINVAL; cancel() still works.
local generic_error = require 'generic_error'
local time = require 'time'

local target = spawn(function()
    time.sleep(60)
    return 'never returned'
end)
local joiner = spawn(function()
    print(pcall(target.join, target))
end)
this_fiber.yield()
print('joinable while joined', target.joinable)
local ok, err = pcall(target.join, target)
print('second join', ok, err == generic_error.EINVAL)
ok, err = pcall(target.detach, target)
print('detach', ok, err == generic_error.EINVAL)
target:cancel()
joiner:join()
print('joinable after the join', target.joinable)

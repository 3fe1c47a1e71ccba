-- coroutine.resume() is a cancellation point too; coroutine.wrap() goes
-- through it. Cancellation belongs to the fiber, not to the coroutine.
local co = coroutine.create(function()
    for i = 1, 3 do coroutine.yield(i) end
end)
local gen = coroutine.wrap(function()
    for i = 1, 3 do coroutine.yield(i * 10) end
end)

local f
f = spawn(function()
    print(coroutine.resume(co))
    print(gen())
    f:cancel()
    print('cancel requested; no cancellation point yet')
    local ok, err = coroutine.resume(co)
    print('never printed', ok, err)
end)
f:join()
print('resume raised', f.cancellation_caught)

-- The coroutine itself is untouched and may be resumed by another fiber.
spawn(function()
    print(coroutine.resume(co))
    print(gen())
end):join()

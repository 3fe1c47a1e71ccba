-- A fiber cancelled before it ever ran still starts (cancellation is only
-- acted on at cancellation points); its first cancellation point raises.
local f = spawn(function()
    print('body starts')
    this_fiber.yield()
    print('never printed')
end)
f:cancel()
f:join()
print(f.cancellation_caught)

-- A body without cancellation points runs to its end even if cancelled.
local g = spawn(function()
    local n = 0
    for i = 1, 1000 do n = n + i end
    return n
end)
g:cancel()
print(g:join())
print(g.cancellation_caught)

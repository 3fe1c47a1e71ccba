-- pcall() and xpcall() are cancellation points: they check for a pending
-- cancellation before running their function (and only then), so a retry
-- loop around pcall cannot swallow a cancellation forever.
local f = spawn(function()
    local tries = 0
    while true do
        local ok, err = pcall(function()
            tries = tries + 1
            error('transient failure')
        end)
        if tries == 3 then this_fiber.disable_cancellation() end
        if tries == 5 then this_fiber.restore_cancellation() end
        if tries > 10 then print('loop never ends') return end
    end
end)
f:cancel()
f:join()
print('pcall loop cancelled', f.cancellation_caught)

-- Once the function runs, pcall returns its result: no cancellation is
-- raised in the middle, even if the request arrives meanwhile.
local g
g = spawn(function()
    local ok, value = pcall(function()
        g:cancel()
        return 'body finished'
    end)
    print(ok, value)
    local ok2, err2 = xpcall(function() print('never printed') end, debug.traceback)
    print('never printed either')
end)
g:join()
print('xpcall raised', g.cancellation_caught)

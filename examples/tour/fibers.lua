-- Fibers: many lightweight threads in one actor, scheduled cooperatively. A
-- fiber suspends when it waits (sleep, I/O, join) and the others run meanwhile.
local time = require 'time'

title = 'Fibers: concurrent tasks inside one actor'

function run()
    local started = time.steady_clock.now()
    local function worker(name, delay)
        time.sleep(delay)
        print(format('   {} woke up after {} ms', name, delay * 1000))
        return name
    end
    local slow = spawn(function() return worker('slow fiber', 0.06) end)
    local fast = spawn(function() return worker('fast fiber', 0.02) end)
    print(format('   joined: {} and {}', fast:join(), slow:join()))
    local elapsed = time.steady_clock.now() - started
    print(format('   they slept at the same time: {} ms in all (one after the other: 80 ms)',
        math.floor(elapsed * 1000)))

    -- Cancellation: the sleeper is woken at once, its cleanup handlers run,
    -- and join() tells the canceller that the fiber was cancelled.
    local sleeper = spawn(function()
        scope_cleanup_push(function() print('   cancelled fiber: cleanup handler ran') end)
        time.sleep(3600)
    end)
    this_fiber.yield()
    sleeper:cancel()
    sleeper:join()
    print(format('   cancelled fiber caught the cancellation: {}', sleeper.cancellation_caught))
end

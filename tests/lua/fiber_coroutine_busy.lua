-- A coroutine that suspended the fiber resuming it is still running as far
-- as Emilua is concerned: other fibers see it as "normal" and may not resume
-- it (EPERM). Once its fiber takes it back and it yields, it is "suspended"
-- again and anyone may resume it.
local co = coroutine.create(function()
    this_fiber.yield()       -- suspends the fiber that resumed the coroutine
    coroutine.yield('first')
    return 'second'
end)

local resumer = spawn(function()
    print('resumer got', coroutine.resume(co))
end)

this_fiber.yield()           -- the resumer now sleeps inside co
print('status while its fiber sleeps:', coroutine.status(co))
local ok, err = pcall(coroutine.resume, co)
print('resume from another fiber:', ok, err, err.category)
resumer:join()
print('status after the resumer got it back:', coroutine.status(co))
print('main resumes:', coroutine.resume(co))
print('status at the end:', coroutine.status(co))

-- coroutine.create() gives the coroutine a scope of its own: handlers pushed
-- in it run when the coroutine's body ends, not when the fiber's scope ends;
-- a coroutine left suspended never runs them.
scope_cleanup_push(function() print('fiber root cleanup') end)

local co = coroutine.create(function()
    scope_cleanup_push(function() print('coroutine cleanup') end)
    coroutine.yield('paused')
    return 'finished'
end)
print(coroutine.resume(co))
print('fiber code between resumes')
print(coroutine.resume(co))

-- An error leaving the coroutine runs its handlers too.
local failing = coroutine.wrap(function()
    scope_cleanup_push(function() print('cleanup of a failing coroutine') end)
    error('coroutine failed', 0)
end)
print(pcall(failing))

-- scope_cleanup_pop() inside a coroutine only sees the coroutine's handlers.
local popper = coroutine.wrap(function() scope_cleanup_pop() end)
print(pcall(popper))

local abandoned = coroutine.wrap(function()
    scope_cleanup_push(function() print('never printed: the coroutine never ends') end)
    coroutine.yield()
end)
abandoned()
print('main body ends')

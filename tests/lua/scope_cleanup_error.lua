-- A cleanup handler that raises breaks the program's invariants: the VM is
-- terminated at once. No other fiber and no remaining handler runs.
local other = spawn(function()
    this_fiber.yield()
    print('never printed: the VM is gone')
end)

scope_cleanup_push(function() print('never printed: an outer handler') end)
scope(function()
    scope_cleanup_push(function() print('a later handler runs first') end)
    scope_cleanup_push(function() error('cleanup failed', 0) end)
    scope_cleanup_push(function() print('the last handler runs first') end)
end)
print('never printed: after the scope')

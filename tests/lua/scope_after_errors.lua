-- Argument errors of the scope-making functions leave the scope stack intact:
-- later scopes and the fiber's root scope still run their handlers in order.
scope_cleanup_push(function() print('root cleanup runs at the end') end)
print(pcall(xpcall, print))
print(pcall(xpcall, function() end, 'not a function'))
print(pcall(scope, 1))
print(pcall(pcall))
-- As in Emilua, a coroutine of something that cannot be called fails when
-- resumed, not when created.
print(pcall(coroutine.wrap(nil)))
print(coroutine.resume(coroutine.create(1)))
scope(function()
    scope_cleanup_push(function() print('scope cleanup') end)
end)
this_fiber.yield()
print('main body ends')

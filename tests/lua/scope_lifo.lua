-- scope() runs its cleanup handlers in reverse order of registration, on a
-- normal exit and when an error leaves the scope; the error goes on.
print(scope(function()
    scope_cleanup_push(function() print('first pushed, runs last') end)
    scope_cleanup_push(function() print('second pushed') end)
    scope_cleanup_push(function() print('third pushed, runs first') end)
    print('body done')
    return 'result', 2
end))

local ok, err = pcall(scope, function()
    scope_cleanup_push(function() print('cleanup A') end)
    scope_cleanup_push(function() print('cleanup B') end)
    error('body failed', 0)
end)
print(ok, err)

-- Error objects keep their identity through the scope.
local e = { 'an error table' }
local ok2, err2 = pcall(scope, function()
    scope_cleanup_push(function() end)
    error(e)
end)
print(ok2, err2 == e)

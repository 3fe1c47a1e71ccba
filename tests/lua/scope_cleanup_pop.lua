-- scope_cleanup_pop() removes the last handler and runs it;
-- scope_cleanup_pop(false) removes it without running it.
scope(function()
    scope_cleanup_push(function() print('kept until the end') end)
    scope_cleanup_push(function() print('popped and run') end)
    scope_cleanup_pop()
    scope_cleanup_push(function() print('never printed') end)
    scope_cleanup_pop(false)
    scope_cleanup_push(function() print('popped with true') end)
    scope_cleanup_pop(true)
    print('body ends')
end)

-- Popping with nothing pushed in the current scope is an error.
scope(function()
    scope_cleanup_push(function() print('outer handler untouched') end)
    local ok, err = pcall(scope, function() scope_cleanup_pop() end)
    print(ok, tostring(err))
end)

-- Only functions can be pushed.
local ok, err = pcall(scope_cleanup_push, 'not a function')
print(ok, err == require('generic_error').EINVAL)

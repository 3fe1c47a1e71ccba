-- pcall() and xpcall() act as scopes: handlers pushed inside run when the
-- protected call ends, before it returns, whether it failed or not.
print(pcall(function()
    scope_cleanup_push(function() print('pcall cleanup (success)') end)
    return 'ok value'
end))

print(pcall(function()
    scope_cleanup_push(function() print('pcall cleanup (failure)') end)
    error('pcall failure', 0)
end))

print(xpcall(function()
    scope_cleanup_push(function() print('xpcall cleanup') end)
    error('xpcall failure', 0)
end, function(err)
    print('message handler runs first, with', err)
    return 'handled: ' .. err
end))

print(xpcall(function(a, b)
    scope_cleanup_push(function() print('xpcall cleanup (success)') end)
    return a .. b
end, print, 'x', 'y'))

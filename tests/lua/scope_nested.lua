-- Nested scopes: each has its own list; an inner scope's handlers run when
-- the inner scope ends, the outer ones when the outer scope ends.
scope(function()
    scope_cleanup_push(function() print('outer cleanup') end)
    scope(function()
        scope_cleanup_push(function() print('inner cleanup 1') end)
        scope(function()
            scope_cleanup_push(function() print('innermost cleanup') end)
        end)
        scope_cleanup_push(function() print('inner cleanup 2') end)
        print('inner body ends')
    end)
    print('outer body ends')
end)

-- An error crossing several scopes runs every level on its way out.
print(pcall(scope, function()
    scope_cleanup_push(function() print('level 1') end)
    scope(function()
        scope_cleanup_push(function() print('level 2') end)
        error('deep error', 0)
    end)
end))

-- A failing cleanup handler in any fiber terminates the whole VM, the main
-- fiber included; pcall around the scope cannot catch it.
local f = spawn(function()
    print(pcall(scope, function()
        scope_cleanup_push(function() error('handler of a secondary fiber failed', 0) end)
    end))
    print('never printed: the fiber is gone')
end)
this_fiber.yield()
print('never printed: the main fiber is gone too')

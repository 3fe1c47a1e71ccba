-- A failed fiber whose handle the program dropped is reported by
-- collectgarbage('collect') itself: the report comes between the two lines
-- written around the call. (The first collectgarbage call, 'count' here,
-- lets the handles made after it be reported at once: docs/compat.md.) A
-- handle still held keeps its failure quiet, and join then raises it.
collectgarbage('count')
local kept = spawn(function() error('joined later', 0) end)
spawn(function() error('handle dropped', 0) end)
this_fiber.yield()
io.stderr:write('before collectgarbage\n')
collectgarbage('collect')
io.stderr:write('after collectgarbage\n')
print('join:', pcall(function() kept:join() end))

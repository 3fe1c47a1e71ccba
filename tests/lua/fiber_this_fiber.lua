-- this_fiber: yield() reschedules at the end of the ready queue; id,
-- is_main and local_ describe the running fiber.
print(this_fiber.is_main, type(this_fiber.id), this_fiber.id:match('^0x%x+$') ~= nil)

local main_id = this_fiber.id
this_fiber.local_.name = 'main'

local f = spawn(function()
    print('child is_main', this_fiber.is_main)
    print('child id differs', this_fiber.id ~= main_id)
    print('child local_ starts empty', next(this_fiber.local_))
    this_fiber.local_.name = 'child'
    -- Coroutines see the local_ table of the fiber that runs them.
    coroutine.wrap(function() print('in coroutine', this_fiber.local_.name) end)()
    this_fiber.yield()
    print('child keeps its own', this_fiber.local_.name)
    return this_fiber.id
end)

this_fiber.yield()
print('main keeps its own', this_fiber.local_.name)
local child_id = f:join()
print('same id seen twice', child_id == this_fiber.id, child_id ~= main_id)
print(this_fiber.local_ == this_fiber.local_)

-- Ready fibers run round-robin.
local order = {}
for _, name in ipairs({'x', 'y'}) do
    spawn(function()
        for i = 1, 2 do
            order[#order + 1] = name .. i
            this_fiber.yield()
        end
    end)
end
this_fiber.yield()
this_fiber.yield()
this_fiber.yield()
print(table.concat(order, ' '))

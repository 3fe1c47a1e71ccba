-- A failed fiber that is neither joined nor detached is reported at the
-- latest when the VM ends (Emilua reports it when the handle is collected).
failed = spawn(function() error('nobody joined me', 0) end)
this_fiber.yield()
print('main module ends')

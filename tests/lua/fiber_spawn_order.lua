-- spawn() uses post semantics: the caller keeps running until it suspends,
-- then the new fibers run in the order they were spawned.
local log = {}
local function note(s) log[#log + 1] = s; print(s) end

spawn(function() note('a starts') this_fiber.yield() note('a resumes') end)
spawn(function() note('b starts') this_fiber.yield() note('b resumes') end)
note('main continues after spawning')
this_fiber.yield()
note('main resumes')
this_fiber.yield()
note('main ends')

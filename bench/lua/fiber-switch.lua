-- Fiber switch rate under emilua-ts: two fibers ping-pong with
-- this_fiber.yield(). Every yield hands the thread to the other fiber, so the
-- scheduler resumes a fiber once per yield. Prints "RESULT <seconds> <switches>".
local N = 100000
local yield = this_fiber.yield

local function ping_pong()
  for _ = 1, N do yield() end
end

local t0 = os.clock()
local a, b = spawn(ping_pong), spawn(ping_pong)
a:join()
b:join()
local dt = os.clock() - t0
print('RESULT', dt, 2 * N)

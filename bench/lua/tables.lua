-- P1, tables: fill, read and sum a 200k-element array, then update a
-- string-keyed table. Every value stays below 2^31 so bare fengari's 32-bit
-- integers and emilua-ts's doubles print the same check value.
local N = 200000

local t0 = os.clock()
local arr = {}
for i = 1, N do arr[i] = i % 1000 end
local sum = 0
for _ = 1, 5 do
  for i = 1, N do sum = sum + arr[i] end
end
sum = sum + #arr

local keys = {}
for k = 1, 1000 do keys[k] = 'key' .. k end
local counts = {}
for i = 1, N do
  local key = keys[i % 1000 + 1]
  counts[key] = (counts[key] or 0) + 1
end
local total = 0
for _, v in pairs(counts) do total = total + v end
local dt = os.clock() - t0
print('RESULT', dt, sum + total)

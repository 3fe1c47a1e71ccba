-- Opening a FIFO waits for a peer, perhaps forever. Such opens must not take
-- the threads that file reads need, fiber:cancel() must end them, and a FIFO
-- whose peer does come still opens.
local fs = require 'filesystem'
local time = require 'time'

local name = os.tmpname()
os.remove(name)
local fifo = fs.path.new(name)
fs.mkfifo(fifo, 384)
local dir = fs.open(fs.path.new('/'), {'read_only', 'directory'})

local waiting = {}
for i = 1, 8 do
    waiting[i] = spawn(function()
        dir:openat(fifo, {'read_only'})
    end)
end
time.sleep(0.1)

-- Opening a regular file runs on the same thread pool.
local here = fs.current_working_directory() / 'file_descriptor_openat_fifo.lua'
print('file opened while 8 FIFO opens wait:', dir:openat(here, {'read_only'}).type)

for i = 1, 8 do waiting[i]:cancel() end
local cancelled = 0
for i = 1, 8 do
    if not waiting[i]:join() then cancelled = cancelled + 1 end
end
print('cancelled:', cancelled)

local reader
local r = spawn(function() reader = dir:openat(fifo, {'read_only'}) end)
local writer = dir:openat(fifo, {'write_only'})
r:join()
print('with a peer both ends open:', reader.type, writer.type)
fs.remove(fifo)

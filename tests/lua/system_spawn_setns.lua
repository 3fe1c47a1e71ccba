-- setns_*: the child joins the namespaces of another process. A helper
-- made with `unshare -n -u` owns a new network and UTS namespace; the
-- spawned child, given the helper's /proc/<pid>/ns/{net,uts}, sees the
-- same namespaces (its own /proc/self/ns links), and its parent does not.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'
local fs = require 'filesystem'

local function first_line(opts)
    local reader, writer = pipe.pair()
    opts.stdout = writer:release()
    local child = system.spawn(opts)
    opts.stdout:close()
    local line = tostring(stream.scanner.new{ stream = reader }:get_line())
    return line, child, reader
end

-- The helper prints once its namespaces exist, then waits on stdin.
local in_r, in_w = pipe.pair()
in_r = in_r:release()
local ready, helper = first_line{
    program = 'unshare',
    arguments = {'unshare', '-n', '-u', 'sh', '-c', 'hostname emilua-ts-setns; echo ready; exec cat'},
    stdin = in_r,
}
in_r:close()
print('helper:', ready)

local proc = fs.path.new('/proc/' .. helper.pid .. '/ns')
local net = fs.open(proc / 'net', { 'read_only' })
local uts = fs.open(proc / 'uts', { 'read_only' })
local helper_net = tostring(fs.read_symlink(proc / 'net'))
local own_net = tostring(fs.read_symlink(fs.path.new('/proc/self/ns/net')))
print('the helper has its own network namespace:', helper_net ~= own_net)

local child_net = first_line{ program = 'readlink', arguments = {'readlink', '/proc/self/ns/net'}, setns_net = net }
print('setns_net joins it:', child_net == helper_net)
print('its interfaces:', (first_line{ program = 'cat', arguments = {'cat', '/proc/self/net/dev'}, setns_net = net }))
print('uts too:', (first_line{ program = 'hostname', arguments = {'hostname'}, setns_uts = uts }))
print('without setns:', first_line{ program = 'readlink', arguments = {'readlink', '/proc/self/ns/net'} } == own_net)

-- a descriptor of the wrong namespace type is refused in the child
local ok, err = pcall(first_line, { program = 'true', setns_ipc = net })
print('wrong type:', ok, tostring(err), err.step)

in_w:close()
helper:wait()
print('helper exit:', helper.exit_code)

-- program as a name (PATH search), a filesystem.path (exact) or a
-- file_descriptor (fexecve); working_directory as a path or a descriptor;
-- failures in the child before exec raise the system error.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'
local fs = require 'filesystem'

-- Runs the program; returns its first output line (or nil) and exit code.
local function run(opts)
    local reader, writer = pipe.pair()
    opts.stdout = writer:release()
    local ok, child = pcall(system.spawn, opts)
    opts.stdout:close()
    if not ok then
        reader:close()
        return nil, child
    end
    local got, line = pcall(function() return stream.scanner.new{ stream = reader }:get_line() end)
    child:wait()
    return got and tostring(line) or nil, child.exit_code
end

print('by name:', run{ program = 'echo', arguments = {'echo', 'found on PATH'} })
print('by path:', run{ program = fs.path.new('/bin/echo'), arguments = {'echo', 'exact path'} })

local echo = fs.open(fs.path.new('/bin/echo'), { 'read_only' })
print('by descriptor:', run{ program = echo, arguments = {'echo', 'through fexecve'} })
print('descriptor still open in the parent:', (pcall(echo.dup, echo)))

local root = fs.path.new('/tmp/emilua-ts-system_spawn_program-' .. system.getpid())
fs.remove_all(root)
fs.create_directories(root / 'sub')
print('working_directory path:', run{
    program = 'pwd', arguments = {'pwd'}, working_directory = root / 'sub',
} == tostring(root / 'sub'))
local dir = fs.open(root, { 'directory', 'read_only' })
print('working_directory fd:', run{
    program = 'pwd', arguments = {'pwd'}, working_directory = dir,
} == tostring(root))

local function failure(opts)
    local _, err = run(opts)
    return tostring(err), 'generic: ' .. tostring(err.category == require('generic_error').EINVAL.category), err.step
end
print('not on PATH:', failure{ program = 'emilua-ts-no-such-program' })
print('missing path:', failure{ program = root / 'missing' })
print('not executable:', failure{ program = root / 'sub' })
print('missing working directory:', failure{ program = 'true', working_directory = root / 'missing' })
print('working directory not a directory:', failure{ program = 'true', working_directory = echo })

fs.remove_all(root)

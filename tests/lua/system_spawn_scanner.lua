-- The pattern of Emilua's manual: a child writes lines into a pipe, the
-- parent reads them with stream.scanner, then waits for the exit status.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'

local reader, writer = pipe.pair()
writer = writer:release()
local child = system.spawn{
    program = 'printf',
    arguments = {'printf', 'a\nb\n'},
    stdout = writer,
}
writer:close()

local scanner = stream.scanner.new{ stream = reader }
print(scanner:get_line())
print(scanner:get_line())
print('pid is a number:', type(child.pid) == 'number')
child:wait()
print('exit:', child.exit_code, child.exit_signal, child.pid)

-- a second wait and a signal after reaping
local ok, err = pcall(child.wait, child)
print(ok, err == require('generic_error').ECHILD)
ok, err = pcall(child.kill, child, 0)
print(ok, err == require('generic_error').ESRCH)

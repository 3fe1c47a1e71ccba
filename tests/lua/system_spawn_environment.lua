-- environment: nil gives the child an empty environment; the value "\0pid"
-- becomes the child's own pid; keys starting with "\0" are left out.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'

-- Runs `env` with the given environment; returns its sorted output lines
-- and the subprocess.
local function env_of(environment)
    local reader, writer = pipe.pair()
    writer = writer:release()
    local child = system.spawn{
        program = 'env', arguments = {'env'}, environment = environment,
        stdout = writer,
    }
    writer:close()
    local lines = {}
    local scanner = stream.scanner.new{ stream = reader }
    while true do
        local ok, line = pcall(scanner.get_line, scanner)
        if not ok then break end
        lines[#lines + 1] = tostring(line)
    end
    table.sort(lines)
    local pid = child.pid
    child:wait()
    return lines, pid, child.exit_code
end

local lines, _, code = env_of(nil)
print('nil environment:', #lines, 'variables, exit', code)

lines = env_of{ GREETING = 'hello world', EMPTY = '', ['\0private'] = 'hidden' }
for _, line in ipairs(lines) do print(line) end

local pid
lines, pid = env_of{ LISTEN_PID = '\0pid', LISTEN_FDS = '1' }
print(lines[1])
print('LISTEN_PID is the pid:', lines[2] == 'LISTEN_PID=' .. pid)

-- the parent's environment table can be passed back as is
lines = env_of(system.environment)
local expected = 0
for _ in pairs(system.environment) do expected = expected + 1 end
print('system.environment passes through:', #lines == expected)

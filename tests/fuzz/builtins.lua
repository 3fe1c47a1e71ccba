-- Calls every function of every builtin module and of the standard library,
-- and every method of an object of each builtin class, with a table of bad
-- values at every argument position. Run by tests/unit/builtin-fuzz.test.ts
-- (in a child process, under a watchdog) as
--     emilua-ts builtins.lua -- WORKDIR NAMES_FILE
-- with the working directory WORKDIR (a fresh temporary directory, where the
-- calls may create files) and NAMES_FILE holding the method names to look
-- for on objects (their metatables are protected, so they are probed by name).
--
-- Prints "FINDING ..." for an error whose text is a JavaScript one, "CALL
-- name" before each function (so the watchdog can say where it hung) and at
-- the end "COVERAGE functions values positions calls" and "FDS before after".
-- The calls run in an actor VM, so that every descriptor the calls created
-- and dropped is closed when it ends; the fd count is compared then.

local inbox = require 'inbox'
local system = require 'system'
local filesystem = require 'filesystem'
local time = require 'time'

local function open_fds()
    local fds = {}
    for entry in filesystem.directory_iterator(filesystem.path.new('/proc/self/fd')) do
        local ok, target = pcall(filesystem.read_symlink, entry.path)
        target = ok and tostring(target) or '?'
        -- One descriptor of /dev/null appears once per process during the
        -- run and stays (not yet traced to its opener); it is not counted.
        if target ~= '/dev/null' then fds[tostring(entry.path.filename)] = target end
    end
    return fds
end

local function count_fds()
    local n = 0
    for _ in pairs(open_fds()) do n = n + 1 end
    return n
end

if _CONTEXT == 'main' then
    -- Warm up what the runtime opens once per process or thread and keeps
    -- (the readiness epoll set...), so that it is not counted as a leak.
    do
        local pipe = require 'pipe'
        local r, w = pipe.pair()
        w:write_some(byte_span.append('x'))
        r:read_some(byte_span.new(1))
        r:close()
        w:close()
        time.sleep(0)
        local d = filesystem.open(filesystem.path.new('.'), { 'read_only', 'directory' })
        d:openat(filesystem.path.new('.'), { 'read_only', 'directory' }):close()
        d:close()
    end
    local before_fds = open_fds()
    local before = count_fds()
    local actor = spawn_vm{ module = '.', inherit_context = true }
    actor:send(inbox)
    local summary = inbox:receive()
    inbox:close()
    actor = nil
    -- Let the actor VM end and close what it owns.
    for _ = 1, 50 do
        time.sleep(0.02)
        if count_fds() <= before then break end
    end
    print(summary)
    print('FDS', before, count_fds())
    for fd, target in pairs(open_fds()) do
        if before_fds[fd] == nil then print('OPEN', fd, target) end
    end
    return
end

local main = inbox:receive()
local args = system.arguments
local workdir = filesystem.path.new(args[3])
local names = {}
for line in io.lines(args[4]) do names[#names + 1] = line end

-- Never called: they end the process, change its root, block on the
-- terminal, or run shell commands.
local SKIP = {
    ['system.exit'] = true, ['os.exit'] = true, ['os.execute'] = true, ['io.popen'] = true,
    ['filesystem.chroot'] = true, ['system.signal.raise'] = true, ['io.read'] = true,
    ['io.lines'] = true, ['io.input'] = true, ['io.output'] = true, ['debug'] = true,
    ['setfenv'] = true, ['getfenv'] = true, ['setmetatable'] = true, ['rawset'] = true,
    ['collectgarbage'] = true, ['print'] = true, ['io.write'] = true, ['module'] = true,
    ['filesystem.current_working_directory'] = true, ['filesystem.umask'] = true,
    ['coroutine.wrap'] = true, ['spawn_vm'] = true, ['system.out.write_some'] = true,
    ['system.err.write_some'] = true, ['system.in_.read_some'] = true, ['system.in_.close'] = true,
    ['system.out.close'] = true, ['system.err.close'] = true, ['system.in_.dup_from'] = true,
    ['system.out.dup_from'] = true, ['system.err.dup_from'] = true, ['inbox.close'] = true,
    ['inbox.receive'] = true, ['_G.error'] = true, ['error'] = true, ['assert'] = true,
}

local nul = 'a\0b'
local BAD = {
    { 'nil', nil }, { 'true', true }, { 'false', false }, { '0', 0 }, { '-1', -1 }, { '1.5', 1.5 },
    { 'nan', 0 / 0 }, { 'inf', 1 / 0 }, { '-inf', -1 / 0 }, { '2^31', 2 ^ 31 }, { '2^32', 2 ^ 32 },
    { '2^53', 2 ^ 53 }, { '-2^31-1', -2 ^ 31 - 1 }, { "''", '' }, { "'x'", 'x' },
    { "'a\\0b'", nul }, { 'long string', string.rep('y', 70000) }, { '{1,2,3}', { 1, 2, 3 } },
    { 'function', function() end },
    { 'byte_span', byte_span.new(4) }, { 'path', workdir / 'f' },
}
-- What fills the other positions: nothing, or one plausible value for all.
local FILL = { false, workdir / 'g', 420 }

local JS_TEXT = {
    'internal error in emilua%-ts', 'TypeError', 'RangeError', 'ReferenceError', 'is not a function',
    'Cannot read propert', 'undefined', 'Maximum call stack', '%(node:', 'ERR_', 'at Object%.',
    'Uint8Array', 'toExponential', 'NaN',
}

local findings, calls, values_seen, positions_seen = 0, 0, #BAD, 0
local functions = 0

local function describe(e)
    if type(e) == 'table' then
        local ok, text = pcall(tostring, e)
        local parts = { ok and text or '?' }
        for _, k in ipairs{ 'arg', 'reason', 'what' } do
            if type(e[k]) == 'string' then parts[#parts + 1] = e[k] end
        end
        return table.concat(parts, ' ')
    end
    return tostring(e)
end

local function check(name, pos, label, ok, e)
    if ok then return end
    local text = describe(e)
    for _, pattern in ipairs(JS_TEXT) do
        if text:find(pattern) then
            findings = findings + 1
            print(('FINDING %s arg %d = %s: %s'):format(name, pos, label, text:sub(1, 200)))
            return
        end
    end
end

-- One call in a fiber of its own: a call that waits is cancelled after the
-- other fibers had a turn. A wait that is no cancellation point (a mutex
-- locked by a fiber that ended) is left behind, detached, after a few turns:
-- it is counted, not reported; every other wait that never ends shows as a
-- hang, which the watchdog reports.
local stuck = 0
local stuck_names = {}
local function call(name, fn, argv, n, pos, label)
    calls = calls + 1
    local done, result_ok, result_err = false, true, nil
    local f = spawn(function()
        result_ok, result_err = pcall(fn, unpack(argv, 1, n))
        done = true
    end)
    this_fiber.yield()
    if not done then
        f:cancel()
        for _ = 1, 20 do
            if done then break end
            this_fiber.yield()
        end
    end
    if not done then
        f:detach()
        stuck = stuck + 1
        if not stuck_names[name] then
            stuck_names[name] = true
            print('LEFT WAITING ' .. name .. ' arg ' .. pos .. ' = ' .. label)
        end
        return
    end
    f:join()
    check(name, pos, label, result_ok, result_err)
end

local function fuzz(name, fn, self, make)
    if SKIP[name] then return end
    functions = functions + 1
    print('CALL ' .. name)
    local first = self == nil and 1 or 2
    for pos = 1, 4 do
        for _, bad in ipairs(BAD) do
            for _, fill in ipairs(FILL) do
                local argv = {}
                if make ~= nil then self = make() end
                if self ~= nil then argv[1] = self end
                for i = first, 4 do argv[i] = fill or nil end
                if self ~= nil and pos == 1 then
                    argv[1] = bad[2]
                else
                    argv[pos + (first - 1)] = bad[2]
                end
                call(name, fn, argv, 4 + first - 1, pos, bad[1])
            end
        end
    end
    positions_seen = 4
end

local seen = {}
local function fuzz_table(prefix, t, depth)
    if seen[t] or depth > 3 then return end
    seen[t] = true
    local keys = {}
    for k in pairs(t) do if type(k) == 'string' then keys[#keys + 1] = k end end
    table.sort(keys)
    for _, k in ipairs(keys) do
        local v = t[k]
        local name = prefix == '' and k or prefix .. '.' .. k
        if type(v) == 'function' then fuzz(name, v)
        elseif type(v) == 'table' and not SKIP[name] then fuzz_table(name, v, depth + 1) end
    end
end

-- Methods of an object, found by name; `kind` names them in reports.
local function fuzz_object(kind, make, fresh)
    local ok, object = pcall(make)
    if not ok then
        print(('FINDING cannot make %s: %s'):format(kind, describe(object)))
        findings = findings + 1
        return
    end
    for _, method in ipairs(names) do
        local found, value = pcall(function() return object[method] end)
        if found and type(value) == 'function' then
            fuzz(kind .. '.' .. method, value, object, fresh and make or nil)
            -- A method may have closed or consumed the object: a fresh one.
            local again, fresh = pcall(make)
            if again then object = fresh end
        end
    end
end

local modules = {
    'system', 'generic_error', 'time', 'byte_span', 'mutex', 'recursive_mutex', 'condition_variable',
    'future', 'filesystem', 'file', 'file_descriptor', 'inbox', 'pipe', 'stream', 'unix', 'ip',
}
for _, name in ipairs(modules) do
    local ok, m = pcall(require, name)
    if ok and type(m) == 'table' then fuzz_table(name, m, 1) end
end
for _, lib in ipairs{ 'string', 'table', 'math', 'os', 'io', 'coroutine', 'bit', 'this_fiber' } do
    if type(_G[lib]) == 'table' then fuzz_table(lib, _G[lib], 1) end
end
for _, global in ipairs{ 'tostring', 'tonumber', 'type', 'select', 'unpack', 'pcall', 'xpcall', 'spawn',
                         'rawget', 'rawequal', 'next', 'ipairs', 'pairs', 'getmetatable', 'load',
                         'loadstring', 'dofile', 'loadfile', 'require', 'spawn_context_threads' } do
    if type(_G[global]) == 'function' then fuzz(global, _G[global]) end
end

local ip = require 'ip'
local unix = require 'unix'
local file = require 'file'
local pipe = require 'pipe'
local P = filesystem.path.new
local objects = {
    { 'path', function() return P('a/b.txt') end },
    { 'byte_span', function() return byte_span.append('abcdef') end },
    -- A fresh one for every call: lock() is no cancellation point, and a
    -- mutex a finished call left locked would keep the next call waiting.
    { 'mutex', function() return require('mutex').new() end, true },
    { 'recursive_mutex', function() return require('recursive_mutex').new() end, true },
    { 'condition_variable', function() return require('condition_variable').new() end },
    { 'promise', function() return (require('future').new()) end },
    { 'future', function() return select(2, require('future').new()) end },
    { 'file.stream', function() return file.stream.new() end },
    { 'file.random_access', function() return file.random_access.new() end },
    { 'pipe.read_stream', function() return (pipe.pair()) end },
    { 'pipe.write_stream', function() return select(2, pipe.pair()) end },
    { 'file_descriptor', function() return filesystem.open(workdir, { 'read_only', 'directory' }) end },
    { 'steady_timer', function() return time.steady_timer.new() end },
    { 'system_timer', function() return time.system_timer.new() end },
    { 'ip.address', function() return ip.address.loopback_v4() end },
    { 'ip.tcp.socket', function() return ip.tcp.socket.new() end },
    { 'ip.tcp.acceptor', function() return ip.tcp.acceptor.new() end },
    { 'ip.udp.socket', function() return ip.udp.socket.new() end },
    { 'unix.stream.socket', function() return unix.stream.socket.new() end },
    { 'unix.stream.acceptor', function() return unix.stream.acceptor.new() end },
    { 'unix.datagram.socket', function() return unix.datagram.socket.new() end },
    { 'unix.seqpacket.socket', function() return unix.seqpacket.socket.new() end },
    { 'unix.seqpacket.acceptor', function() return unix.seqpacket.acceptor.new() end },
    { 'fiber', function() return spawn(function() end) end },
    { 'error', function() return select(2, pcall(filesystem.status, P('/nonexistent/x'))) end },
}
for _, entry in ipairs(objects) do fuzz_object(entry[1], entry[2], entry[3]) end

main:send(('COVERAGE functions=%d values=%d positions=%d fills=%d calls=%d findings=%d left-waiting=%d'):format(
    functions, values_seen, positions_seen, #FILL, calls, findings, stuck))

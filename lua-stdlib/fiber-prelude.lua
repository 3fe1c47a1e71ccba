-- Fiber-aware replacements for pcall, xpcall, coroutine.* and the scope()
-- family. Run once per VM on the pristine global table, before any user code.
-- `hooks` are private JavaScript functions of the host; they never reach user
-- code except as upvalues here.
local hooks = ...

local raw_pcall, raw_xpcall, raw_error = pcall, xpcall, error
local raw_type, select, unpack = type, select, table.unpack
local getmetatable, setmetatable, rawget = getmetatable, setmetatable, rawget
local co_create, co_resume, co_yield = coroutine.create, coroutine.resume, coroutine.yield
local co_status, co_running = coroutine.status, coroutine.running
local upvaluejoin, getupvalue, getinfo = debug.upvaluejoin, debug.getupvalue, debug.getinfo
local SUSPEND = hooks.suspend_marker
local scope_stack = hooks.scope_stack
local scope_stack_at_cancellation_point = hooks.scope_stack_at_cancellation_point
local cancellation_point = hooks.cancellation_point
local disable_cancellation = hooks.disable_cancellation
local restore_cancellation = hooks.restore_cancellation
local is_fiber_thread = hooks.is_fiber_thread
local cleanup_failed = hooks.cleanup_failed

local function pack(...)
    return { n = select('#', ...), ... }
end

-- Cleanup handlers run LIFO with cancellation disabled. A handler that raises
-- breaks the program's invariants, so the host terminates the VM.
local function run_cleanups(handlers)
    disable_cancellation()
    for i = #handlers, 1, -1 do
        local handler = handlers[i]
        handlers[i] = nil
        local ok, err = raw_pcall(handler)
        if not ok then cleanup_failed(err) end
    end
    restore_cancellation()
end

-- Closes the scope at `depth` and any left open above it (innermost first),
-- so the stack never keeps a hole whatever happened inside.
local function close_scopes(stack, depth)
    local top = depth
    while stack[top + 1] ~= nil do top = top + 1 end
    for d = top, depth, -1 do
        local handlers = stack[d]
        stack[d] = nil
        if handlers then run_cleanups(handlers) end
    end
end

-- Opens a scope on `stack`: its slot holds false until a cleanup handler is
-- pushed (most scopes never get one, and pcall is one). Returns the depth.
local function open_scope(stack)
    local depth = #stack + 1
    stack[depth] = false
    return depth
end

local function call_in_scope(f, ...)
    local stack = scope_stack()
    local depth = open_scope(stack)
    local result = pack(raw_pcall(f, ...))
    close_scopes(stack, depth)
    return result
end

-- Closes the scope, then passes the results through (no table for them).
local function leave_scope(stack, depth, ...)
    close_scopes(stack, depth)
    return ...
end

local function leave_scope_or_raise(stack, depth, ok, ...)
    close_scopes(stack, depth)
    if ok then return ... end
    raw_error((...), 0)
end

local function results(...) return ... end

function scope(f, ...) -- Lua in Emilua
    local stack = scope_stack()
    local depth = open_scope(stack)
    -- Not a tail call: an error re-raised here is raised by scope() itself.
    return results(leave_scope_or_raise(stack, depth, raw_pcall(f, ...)))
end

function scope_cleanup_push(handler)
    if raw_type(handler) ~= 'function' then hooks.raise_einval() end
    local stack = scope_stack()
    local top = #stack
    local handlers = stack[top]
    if not handlers then
        handlers = {}
        stack[top] = handlers
    end
    handlers[#handlers + 1] = handler
end

function scope_cleanup_pop(execute)
    local stack = scope_stack()
    local handlers = stack[#stack]
    local handler = handlers and handlers[#handlers]
    if not handler then hooks.raise_unmatched_scope_cleanup() end
    handlers[#handlers] = nil
    if execute == false then return end
    disable_cancellation()
    local ok, err = raw_pcall(handler)
    restore_cancellation()
    if not ok then cleanup_failed(err) end
end

-- pcall and xpcall are cancellation points (checked before the call only) and
-- act as scopes.
function pcall(f, ...)
    local stack = scope_stack_at_cancellation_point()
    return leave_scope(stack, open_scope(stack), raw_pcall(f, ...))
end

function xpcall(f, handler, ...)
    local stack = scope_stack_at_cancellation_point()
    if raw_type(handler) ~= 'function' then
        raw_error("bad argument #2 to 'xpcall' (function expected, got " .. raw_type(handler) .. ")", 2)
    end
    return leave_scope(stack, open_scope(stack), raw_xpcall(f, handler, ...))
end

-- User coroutines. A suspending function called inside a user coroutine yields
-- SUSPEND; resume() passes that yield up to the fiber and hands the fiber's
-- resumption back down, so the coroutine sleeps while its fiber sleeps.
-- As in Emilua, create() takes any value: the coroutine calls it when first
-- resumed, and fails then if it cannot be called.
local function callable(f)
    if raw_type(f) == 'function' then return true end
    local mt = getmetatable(f)
    return raw_type(mt) == 'table' and rawget(mt, '__call') ~= nil
end
coroutine.create = function(f) -- Lua in Emilua
    return co_create(function(...) -- Lua in Emilua
        if not callable(f) then raw_error('attempt to call a ' .. raw_type(f) .. ' value', 0) end
        local result = call_in_scope(f, ...)
        if result[1] then return unpack(result, 2, result.n) end
        raw_error(result[2], 0)
    end)
end

-- A coroutine that suspended its resumer's fiber is still running as far as
-- Emilua is concerned: its status is "normal" and no other fiber may resume
-- it (EPERM) until the fiber that resumed it wakes and takes it back.
local suspended_in_fiber = setmetatable({}, { __mode = 'k' })
local begin_resume, end_resume = hooks.begin_resume, hooks.end_resume
coroutine.resume = function(co, ...) -- Lua in Emilua
    cancellation_point()
    if raw_type(co) ~= 'thread' then
        raw_error("bad argument #1 to 'resume' (coroutine expected)", 2)
    end
    if suspended_in_fiber[co] then hooks.raise_eperm() end
    -- Where this thread cannot yield, the coroutine may not suspend the fiber.
    local blocked = begin_resume()
    local result = pack(co_resume(co, ...))
    while result[1] and result[2] == SUSPEND and co_status(co) == 'suspended' do
        suspended_in_fiber[co] = true
        local resumption = pack(co_yield(SUSPEND))
        suspended_in_fiber[co] = nil
        result = pack(co_resume(co, unpack(resumption, 1, resumption.n)))
    end
    if blocked then end_resume() end
    return unpack(result, 1, result.n)
end

coroutine.status = function(co)
    local status = co_status(co)
    if status == 'suspended' and suspended_in_fiber[co] then return 'normal' end
    return status
end

coroutine.wrap = function(f) -- Lua in Emilua
    local co = coroutine.create(f)
    return function(...) -- Lua in Emilua
        local result = pack(coroutine.resume(co, ...))
        if result[1] then return unpack(result, 2, result.n) end
        raw_error(result[2], 0)
    end
end

coroutine.yield = function(...)
    -- The fiber's own coroutine belongs to the scheduler.
    if is_fiber_thread() then hooks.raise_bad_coroutine() end
    return co_yield(...)
end

coroutine.running = function()
    if is_fiber_thread() then return nil end
    return (co_running())
end

coroutine.isyieldable = function()
    return not is_fiber_thread()
end

-- Lua 5.1 function environments, as far as Emilua scripts use them: a
-- function's environment is its _ENV upvalue; level 0 is the module's globals.
local function env_index(f)
    local i = 1
    while true do
        local name = getupvalue(f, i)
        if name == nil then return nil end
        if name == '_ENV' then return i end
        i = i + 1
    end
end

local function function_at(level, fname)
    if raw_type(level) == 'function' then return level end
    if raw_type(level) ~= 'number' or level < 0 then
        raw_error("bad argument #1 to '" .. fname .. "' (invalid level)", 3)
    end
    local info = getinfo(level + 2, 'f')
    if info == nil then
        raw_error("bad argument #1 to '" .. fname .. "' (invalid level)", 3)
    end
    return info.func
end

function getfenv(level)
    if level == nil then level = 1 end
    if level == 0 then return hooks.module_env() end
    local f = function_at(level, 'getfenv')
    local i = env_index(f)
    if i == nil then return hooks.module_env() end
    local _, env = getupvalue(f, i)
    return env
end

function setfenv(level, env)
    if raw_type(env) ~= 'table' then
        raw_error("bad argument #2 to 'setfenv' (table expected)", 2)
    end
    if level == 0 then
        hooks.set_module_env(env)
        return
    end
    local f = function_at(level, 'setfenv')
    local i = env_index(f)
    if i == nil then
        -- A Lua function that names no global has nothing to change.
        if getinfo(f, 'S').what == 'Lua' then return f end
        raw_error("'setfenv' cannot change environment of given object", 2)
    end
    upvaluejoin(f, i, function() return env end, 1)
    return f
end

-- Each module gets its own require(), bound to the importing module.
-- (The hook is named `require` here so tracebacks through it read "require".)
local require, require_end = hooks.require_begin, hooks.require_end
local function make_require(importer)
    return function(id) -- Lua in Emilua
        if raw_type(id) ~= 'string' then
            raw_error("bad argument #1 to 'require' (string expected, got " .. raw_type(id) .. ")", 2)
        end
        local chunk, key = require(importer, id)
        if key == nil then return chunk end
        -- A module runs in a scope of its own (Emilua gives it a fiber whose
        -- root scope ends when the module has loaded).
        local result = call_in_scope(chunk)
        return require_end(key, result[1], result[2])
    end
end

-- Chunks are always text: fengari's binary chunks are not LuaJIT's, and a
-- crafted one could corrupt the VM.
local raw_load, raw_loadfile = load, loadfile
function load(chunk, chunkname, _, ...)
    local t = raw_type(chunk)
    if t ~= 'string' and t ~= 'function' then
        raw_error("bad argument #1 to 'load' (function expected, got " .. t .. ")", 2)
    end
    if select('#', ...) > 0 then return raw_load(chunk, chunkname, 't', ...) end
    return raw_load(chunk, chunkname, 't')
end
function loadstring(chunk, chunkname)
    if raw_type(chunk) ~= 'string' then
        raw_error("bad argument #1 to 'loadstring' (string expected, got " .. raw_type(chunk) .. ")", 2)
    end
    return raw_load(chunk, chunkname, 't')
end
function loadfile(filename, _, ...)
    if select('#', ...) > 0 then return raw_loadfile(filename, 't', ...) end
    return raw_loadfile(filename, 't')
end
function dofile(filename)
    local chunk, err = loadfile(filename)
    if chunk == nil then raw_error(err, 0) end
    return chunk()
end
rawset(_ENV, "unpack", table.unpack)

-- The fiber body: its root scope's handlers run when it ends, whatever the
-- outcome. Returns true, results... or false, error, traceback.
local panic_traceback = hooks.panic_traceback
local is_canceled_error = hooks.is_canceled_error
return function(f, ...)
    local trace
    local function on_error(err)
        if not is_canceled_error(err) then trace = panic_traceback() end
        return err
    end
    local result = pack(raw_xpcall(f, on_error, ...))
    close_scopes(scope_stack(), 1)
    if result[1] then return unpack(result, 1, result.n) end
    return false, result[2], trace
end, make_require

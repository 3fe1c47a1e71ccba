-- A subprocess actor whose Lua code comes from source_tree_cache alone: its
-- root module is a filesystem.path inside the cache, it imports a module
-- ('/lib/helper') and a package (init.lua) from the cache, runs with
-- _CONTEXT 'worker', and a module missing from the cache is "Module not
-- found" even when a file of that name exists on disk next to this script.
local inbox = require 'inbox'
local fs = require 'filesystem'

local tree = {
    ['app.lua'] = [[
local inbox = require 'inbox'
local helper = require '/lib/helper'
local pkg = require '/pkg'
local parent = inbox:receive()
local question = inbox:receive()
parent:send{context = _CONTEXT, helper = helper.name, pkg = pkg.name, answer = question * 2}
local ok, err = pcall(require, '/actor_subprocess_cache')
parent:send(tostring(err))
]],
    lib = { ['helper.lua'] = "name = 'helper from the cache'" },
    pkg = { ['init.lua'] = "name = 'package from the cache'" },
}

local ch = spawn_vm{
    module = fs.path.new('/app.lua'),
    subprocess = { source_tree_cache = tree, stdout = 'share', stderr = 'share' },
}
ch:send(inbox)
ch:send(21)
local m = inbox:receive()
print(m.context, m.helper, m.pkg, m.answer)
print(inbox:receive())

-- A string module is resolved from this module, as for other actors.
local bad = pcall(spawn_vm, { module = fs.path.new('/app.lua'), subprocess = { source_tree_cache = { x = 1 } } })
print('bad tree', bad)

-- The actor host reads at most 64 MiB of sources (base64-encoded, so about
-- 48 MiB of Lua): a larger cache raises E2BIG naming the option, before any
-- process is started.
local big = { ['app.lua'] = 'return 1', ['big.lua'] = string.rep('-', 49 * 1024 * 1024) }
local ok, e = pcall(spawn_vm, { module = fs.path.new('/app.lua'), subprocess = { source_tree_cache = big } })
print('49 MiB tree', ok, tostring(e), tostring(e.category), e.arg)

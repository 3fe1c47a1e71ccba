-- Does not compile (for actor_spawn_errors.lua).
local x = = 1

-- Runs bench/out/libc-service (args: binary, file, count) under the preload
-- library; the master answers every open with use_slave_credentials().
-- Prints what the C program prints.
local libc_service = require 'libc_service'
local system = require 'system'
local binary, file, count = system.arguments[3], system.arguments[4], system.arguments[5]
local master, slave = libc_service.new()
spawn(function()
    while pcall(master.receive, master) do master:use_slave_credentials() end
end):detach()
local env = system.environment
env.LD_PRELOAD = libc_service.preload_library_path
env.EMILUA_LIBC_SERVICE_FD = '3'
local child = system.spawn{
    program = binary, arguments = {binary, file, count}, environment = env,
    stdout = 'share', stderr = 'share', extra_fds = { [3] = slave },
}
child:wait()
if child.exit_code ~= 0 then error('the benchmark program failed') end

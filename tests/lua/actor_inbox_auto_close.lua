-- An actor that never imports inbox closes it when its main fiber ends:
-- sends then raise "Channel closed", even while its other fibers run.
-- Messages sent before that point are simply dropped.
local time = require 'time'

if _CONTEXT == 'main' then
    local quiet = spawn_vm('/actor_helpers/no_inbox')
    quiet:send('arrives before the main fiber of the actor ends')
    print('sent while the actor starts')
    time.sleep(0.05)
    print('after its main fiber ended:', pcall(quiet.send, quiet, 'x'))
    time.sleep(0.1)
    print('after the actor ended:', pcall(quiet.send, quiet, 'x'))
end

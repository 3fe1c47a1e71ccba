-- Sleeps for a minute whatever happens to its channels (the test that
-- spawns it kills it by pid).
require('time').sleep(60)

-- A panic with an error object prints the object's message.
local generic_error = require 'generic_error'
local e = generic_error.EINVAL
e.arg = 1
error(e)

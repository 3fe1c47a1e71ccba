-- Error objects: tables with code and category; tostring gives the message
-- (glibc's strerror text for errno codes); == compares code and category only.
local generic_error = require 'generic_error'

local e = generic_error.EEXIST
print(type(e), type(e.code), type(e.category))
print(tostring(e), tostring(generic_error.EINVAL), tostring(generic_error.ENOENT))
print(tostring(e.category), e.category:message(e.code), e.category:message(generic_error.EPERM.code))

-- Equality ignores extra fields and table identity.
print(e == generic_error.EEXIST, rawequal(e, generic_error.EEXIST))
print(e == generic_error.EINVAL)
local with_extra = generic_error.EEXIST
with_extra.arg = 2
with_extra.path = 'somewhere'
print(with_extra == e)

-- A plain table with the same fields is not an error object.
print(e == { code = e.code, category = e.category })

-- Every access gives a fresh table, so mutating one never leaks.
print(generic_error.EEXIST.arg, generic_error.EEXIST.path)
print(generic_error.NOT_AN_ERRNO)

-- togeneric() of a generic error (or of an Emilua error) is the error itself.
print(e:togeneric() == generic_error.EEXIST)
local ok, module_error = pcall(require, './no_such_module')
print(module_error:togeneric() == module_error, tostring(module_error.category))

-- Raised and caught, an error object keeps its fields.
local ok2, caught = pcall(function()
    local err = generic_error.EAGAIN
    err.context = 'while testing'
    error(err)
end)
print(ok2, tostring(caught), caught.context, caught == generic_error.EAGAIN)

-- A call spread over several lines carries the line where its arguments
-- start, as under LuaJIT: that is the line a traceback shows for the frame
-- that made the call.
local function caller_line()
    local line = debug.traceback('', 2):match('\n%s*[^\n]-:(%d+):')
    return line
end

local args_on_the_next_line = caller_line(
)
print('"caller_line(" on line 9:', args_on_the_next_line)

local immediately_called = (function() local line = caller_line() return line end
)()
print('"end)()" on line 14, the frame inside on line 13:', immediately_called)

local nested = tostring(caller_line
    ( ))
print('"( ))" on line 18:', nested)

local with_table = caller_line
{
    'a table as the argument',
}
print('"{" on line 22:', with_table)

-- The traceback of an error raised below a call spread over lines.
local function fails() error('boom') end
local _, trace = xpcall(function()
    local r = (function()
        fails()
    end)(
    )
    return r
end, debug.traceback)
for line in trace:gmatch('[^\n]+') do
    if line:find('in function <') then print((line:gsub('^%s+', ''))) end
end

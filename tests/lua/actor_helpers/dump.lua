-- dump(v): a deterministic text for a received message (keys sorted, strings
-- quoted, channels shown by their metatable).
function dump(v)
    local t = type(v)
    if t == 'table' then
        if getmetatable(v) ~= nil then return '<table with a metatable>' end
        local keys = {}
        for k in pairs(v) do keys[#keys + 1] = k end
        table.sort(keys, function(a, b)
            if type(a) == type(b) and type(a) ~= 'boolean' then return a < b end
            return type(a) < type(b)
        end)
        local parts = {}
        for _, k in ipairs(keys) do
            local key
            if type(k) == 'string' and k:match('^[%a_][%w_]*$') then key = k
            elseif type(k) == 'string' then key = '[' .. string.format('%q', k) .. ']'
            else key = '[' .. tostring(k) .. ']' end
            parts[#parts + 1] = key .. '=' .. dump(v[k])
        end
        return '{' .. table.concat(parts, ', ') .. '}'
    elseif t == 'string' then
        return string.format('%q', v)
    elseif t == 'userdata' then
        return '<' .. tostring(getmetatable(v)) .. '>'
    end
    return tostring(v)
end

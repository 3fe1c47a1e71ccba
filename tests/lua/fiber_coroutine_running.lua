-- Inside a fiber (outside any user coroutine) coroutine.running() is nil and
-- coroutine.yield() is an error; inside a coroutine both work normally.
print(coroutine.running())
spawn(function() print('in a fiber', coroutine.running()) end):join()

local co
co = coroutine.create(function()
    print('in a coroutine', coroutine.running() == co)
    coroutine.yield()
end)
coroutine.resume(co)

local ok, err = pcall(coroutine.yield, 1)
print(ok, tostring(err))

-- coroutine.resume() of something that is not a coroutine (such as the nil
-- coroutine.running() gives in a fiber) is a clean argument error.
print(pcall(coroutine.resume, coroutine.running()))

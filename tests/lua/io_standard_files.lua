-- The io library's standard files: io.stdout and io.stderr write to fds 1 and 2.
print(io.stdin, io.stdout, io.stderr)
print(io.type(io.stdin), io.type(io.stdout))
io.write('io.write\n')
io.stdout:write('io.stdout:write', '\n')
io.stderr:write('io.stderr:write\n')
print(io.output() == io.stdout)

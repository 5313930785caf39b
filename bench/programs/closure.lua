-- closure.lua: the closure benchmark (bench/README.md). make_counter(count) returns a closure
-- that increments its captured parameter `count` and returns it; closure(n) makes a counter
-- from 0, calls it n times and returns the last count, n. Same algorithm and operations as
-- closure.stfa: per call one upvalue read, one add, one upvalue write, in a while loop.
local function make_counter(count)
  return function()
    count = count + 1
    return count
  end
end

local function closure(n)
  local counter = make_counter(0)
  local count = 0
  local i = 0
  while i < n do
    count = counter()
    i = i + 1
  end
  return count
end

-- `lua5.4 closure.lua N` prints closure(N); run in-process (no `arg`), the chunk returns closure.
if arg then print(closure(math.tointeger(arg[1]))) end
return closure

-- calls.lua: the call benchmark (bench/README.md). calls(n) runs acc = add(acc, i) for
-- i = 0 .. n-1 and returns acc = n * (n - 1) / 2. Same algorithm and operations as calls.stfa:
-- add is a local function (an upvalue of calls, as idiomatic Lua writes a helper), called in
-- a while loop (not a numeric for, which would fuse increment, compare and jump).
local function add(a, b)
  return a + b
end

local function calls(n)
  local acc = 0
  local i = 0
  while i < n do
    acc = add(acc, i)
    i = i + 1
  end
  return acc
end

-- `lua5.4 calls.lua N` prints calls(N); run in-process (no `arg`), the chunk returns calls.
if arg then print(calls(math.tointeger(arg[1]))) end
return calls

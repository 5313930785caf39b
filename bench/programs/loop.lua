-- loop.lua: the arithmetic benchmark (bench/README.md). loop(n) returns the sum over
-- i = 0 .. n-1 of (i * 3) % 7 on Lua integers. Same algorithm and operations as loop.stfa:
-- a while loop (not a numeric for, which would fuse the increment, compare and jump into
-- one FORLOOP instruction) with one multiply, one modulo and two adds per iteration.
local function loop(n)
  local sum = 0
  local i = 0
  while i < n do
    sum = sum + i * 3 % 7
    i = i + 1
  end
  return sum
end

-- `lua5.4 loop.lua N` prints loop(N); run in-process (no `arg`), the chunk returns loop.
if arg then print(loop(math.tointeger(arg[1]))) end
return loop

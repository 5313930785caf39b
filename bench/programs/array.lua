-- array.lua: the array benchmark (bench/README.md). array(n) appends i for i = 0 .. n-1 to an
-- empty table with t[#t + 1] = i, Lua's idiom for "append" (what array_push does; it avoids
-- table.insert's function call), then sums t[i + 1] for i = 0 .. n-1 and returns
-- n * (n - 1) / 2. Same algorithm and operations as array.stfa, in while loops.
local function array(n)
  local t = {}
  local i = 0
  while i < n do
    t[#t + 1] = i
    i = i + 1
  end
  local sum = 0
  i = 0
  while i < n do
    sum = sum + t[i + 1]
    i = i + 1
  end
  return sum
end

-- `lua5.4 array.lua N` prints array(N); run in-process (no `arg`), the chunk returns array.
if arg then print(array(math.tointeger(arg[1]))) end
return array

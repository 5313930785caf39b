-- object.lua: the object-field benchmark (bench/README.md). object(n) creates one table and
-- per iteration i = 0 .. n-1 stores o.count = i, then adds o.count to acc; it returns
-- acc = n * (n - 1) / 2. Same algorithm and operations as object.stfa: a field write and a
-- field read per iteration (SETFIELD/GETFIELD with a constant string key), in a while loop.
local function object(n)
  local o = {}
  local acc = 0
  local i = 0
  while i < n do
    o.count = i
    acc = acc + o.count
    i = i + 1
  end
  return acc
end

-- `lua5.4 object.lua N` prints object(N); run in-process (no `arg`), the chunk returns object.
if arg then print(object(math.tointeger(arg[1]))) end
return object

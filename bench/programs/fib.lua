-- fib.lua: recursive Fibonacci, the call-heavy benchmark (bench/README.md).
-- Same algorithm and operations as fib.stfa. fib is a local function, as idiomatic Lua
-- writes it: each recursive call reads an upvalue, like Stoffel's CALL linked once.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

-- `lua5.4 fib.lua N` prints fib(N); run in-process (no `arg`), the chunk returns fib.
if arg then print(fib(math.tointeger(arg[1]))) end
return fib

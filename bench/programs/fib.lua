-- fib.lua: recursive Fibonacci, the call-heavy benchmark (bench/README.md).
-- Same algorithm and operations as fib.stfa. fib is a global, as in the classic benchmark,
-- so each recursive call also reads _ENV.fib (Stoffel's CALL is linked once instead).
function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

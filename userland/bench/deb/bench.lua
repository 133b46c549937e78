-- The Lua workload of `npm run bench` (Debian's lua5.4 interpreter, built by
-- scripts/bench-deb-build.sh): what scripts spend their time on -- tables as
-- arrays and as hashes, strings built, searched and formatted, closures and
-- objects with methods, recursion that makes garbage, a sort with a Lua
-- comparator. Each part prints a digest, so a wrong result shows.
--   lua bench.lua [SCALE]   (default 1)

local scale = tonumber(arg and arg[1]) or 1

-- A 32-bit mixing checksum over integers.
local function mix(h, v)
  return ((h ~ v) * 16777619) & 0xffffffff
end

-- Primes below n by a sieve in an array part.
local function sieve(n)
  local composite, count, sum = {}, 0, 0
  for i = 2, n do
    if not composite[i] then
      count, sum = count + 1, sum + i
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return count, sum
end

-- Word frequencies of generated text: string building, gmatch, a hash part.
local function words(n)
  local vocab = { "lua", "table", "string", "closure", "meta", "gc", "coroutine",
    "upvalue", "stack", "register", "opcode", "constant", "proto", "state" }
  local seed, parts = 12345, {}
  for i = 1, n do
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    parts[i] = vocab[seed % #vocab + 1] .. ((seed >> 8) % 5 == 0 and tostring(seed % 100) or "")
  end
  local text = table.concat(parts, " ")
  local freq, distinct = {}, 0
  for w in text:gmatch("%a+%d*") do
    if not freq[w] then distinct = distinct + 1 end
    freq[w] = (freq[w] or 0) + 1
  end
  local keys = {}
  for k in pairs(freq) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) if freq[a] ~= freq[b] then return freq[a] > freq[b] end return a < b end)
  local upper = text:sub(1, 2000):gsub("(%a)(%a*)", function(a, b) return a:upper() .. b end)
  return #text, distinct, keys[1] .. "=" .. freq[keys[1]], #upper
end

-- Objects: a bank of accounts with methods, transfers between them.
local Account = {}
Account.__index = Account
function Account.new(id, balance) return setmetatable({ id = id, balance = balance, log = 0 }, Account) end
function Account:deposit(v) self.balance = self.balance + v; self.log = mix(self.log, v) end
function Account:withdraw(v)
  if v > self.balance then return false end
  self.balance = self.balance - v; self.log = mix(self.log, -v & 0xffffffff); return true
end

local function bank(n, moves)
  local accounts = {}
  for i = 1, n do accounts[i] = Account.new(i, 1000 + i) end
  local seed, refused = 7, 0
  for _ = 1, moves do
    seed = (seed * 69069 + 1) & 0xffffffff
    local from, to = accounts[seed % n + 1], accounts[(seed >> 10) % n + 1]
    local amount = (seed >> 20) % 500
    if from:withdraw(amount) then to:deposit(amount) else refused = refused + 1 end
  end
  local total, h = 0, 0
  for i = 1, n do total = total + accounts[i].balance; h = mix(h, accounts[i].log) end
  return total, refused, h
end

-- Binary trees: allocation and collection.
local function tree(depth)
  if depth == 0 then return {} end
  return { tree(depth - 1), tree(depth - 1) }
end
local function check(t)
  if not t[1] then return 1 end
  return 1 + check(t[1]) + check(t[2])
end
local function trees(maxdepth)
  local total = 0
  for d = 4, maxdepth, 2 do
    for _ = 1, 1 << (maxdepth - d) do total = total + check(tree(d)) end
  end
  return total
end

-- Closures: counters and a small pipeline of functions.
local function closures(n)
  local function counter(step)
    local c = 0
    return function() c = c + step; return c end
  end
  local fs = {}
  for i = 1, 16 do fs[i] = counter(i) end
  local h = 0
  for i = 1, n do h = mix(h, fs[i % 16 + 1]()) end
  local pipeline = { function(x) return x * 3 end, function(x) return x + 7 end, function(x) return x % 1000003 end }
  local x = 1
  for _ = 1, n do for j = 1, #pipeline do x = pipeline[j](x) end end
  return h, x
end

-- Formatting: numbers to strings and back.
local function formatting(n)
  local h, out = 0, {}
  for i = 1, n do
    local s = string.format("%d:%x:%5.2f", i, i * 7, i / 8)
    out[#out + 1] = s
    local a, b = s:match("^(%d+):(%x+)")
    h = mix(h, tonumber(a) + tonumber(b, 16))
  end
  return h, #table.concat(out, ";")
end

for round = 1, scale do
  print("round", round)
  print("sieve", sieve(100000))
  print("words", words(6000))
  print("bank", bank(200, 30000))
  print("trees", trees(12))
  print("closures", closures(30000))
  print("formatting", formatting(6000))
end

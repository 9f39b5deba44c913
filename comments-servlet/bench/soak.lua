-- wrk script for soak.sh: mixed reads and posts over 100 threads, paced by delay().
-- 1 request in 10 posts a new comment into a random thread (outdating its cached pages), the rest read a
-- thread page (9 in 10) or the counts of 20 threads. Every answer that is not 2xx is counted as an error.
local n = 0
local errors = 0
local threads = 100
math.randomseed(os.time())

function delay()
  return tonumber(os.getenv("SOAK_DELAY_MS") or "20")
end

request = function()
  n = n + 1
  local t = math.random(threads)
  if n % 10 == 0 then
    local body = '{"thread":"soak-' .. t .. '","text":"Soak comment ' .. n .. ' into thread ' .. t
      .. ', with a little text and a link https://example.org/' .. n .. '","name":"Soak"}'
    return wrk.format("POST", "/comments/api/comments", {["Content-Type"] = "application/json"}, body)
  elseif n % 10 == 5 then
    local q = {}
    for i = 1, 20 do q[i] = "thread=soak-" .. math.random(threads) end
    return wrk.format("GET", "/comments/api/counts?" .. table.concat(q, "&"))
  end
  return wrk.format("GET", "/comments/api/thread?thread=soak-" .. t)
end

response = function(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
    if errors <= 5 then io.stderr:write("status " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end

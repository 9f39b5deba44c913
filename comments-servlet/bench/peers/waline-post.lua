-- wrk script: post a new top-level comment per request to Waline's thread /post-bench (the twin of ../post.lua).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = '{"url":"/post-bench","comment":"Benchmark comment ' .. n .. ' with a bit of text.","nick":"Bench","ua":"wrk"}'
  return wrk.format(nil, nil, nil, body)
end

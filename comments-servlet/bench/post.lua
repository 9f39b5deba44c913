-- wrk script: post a new comment per request to the bench thread.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = '{"thread":"post-bench","text":"Benchmark comment ' .. n .. ' with a bit of text.","name":"Bench"}'
  return wrk.format(nil, nil, nil, body)
end

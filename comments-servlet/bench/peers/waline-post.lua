-- wrk script: post a new top-level comment per request to Waline's thread /post-bench (the twin of ../post.lua).
-- Waline refuses a comment whose text it already has ("Duplicate Content", answered 200 with an errno), so
-- every text carries the wrk thread's number and the start time: no two requests of any run send the same.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local prefix = ""
function init(args)
  prefix = tostring(id) .. "-" .. os.time()
end
local n = 0
request = function()
  n = n + 1
  local body = '{"url":"/post-bench","comment":"Benchmark comment ' .. prefix .. '-' .. n
    .. ' with a bit of text.","nick":"Bench","ua":"wrk"}'
  return wrk.format(nil, nil, nil, body)
end

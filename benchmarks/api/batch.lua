-- wrk script: POST /v1/customers:batchGet with 100 random CDNOW customer ids per request.
-- wrk -t2 -c32 -d20s --latency -s benchmarks/api/batch.lua http://127.0.0.1:PORT
math.randomseed(os.time())
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local ids = {}
  for i = 1, 100 do
    ids[i] = string.format("\"%05d\"", math.random(1, 23570))
  end
  return wrk.format(nil, "/v1/customers:batchGet", nil, '{"ids":[' .. table.concat(ids, ",") .. ']}')
end

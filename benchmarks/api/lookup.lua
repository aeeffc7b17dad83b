-- wrk script: GET /v1/customers/{id} for a random CDNOW customer (ids 00001..23570).
-- wrk -t2 -c32 -d20s --latency -s benchmarks/api/lookup.lua http://127.0.0.1:PORT
math.randomseed(os.time())
request = function()
  return wrk.format("GET", string.format("/v1/customers/%05d", math.random(1, 23570)))
end

-- wrk script: lookup.lua with each connection waiting 1 ms after every response, so the offered load is
-- about (connections x 1,000) / (1 + latency in ms) requests/s rather than as fast as the service answers
-- (Debian's wrk 4.1 has no fixed-rate mode). Six connections give about 5,000 requests/s here.
-- wrk -t1 -c6 -d20s --latency -s benchmarks/api/lookup-paced.lua http://127.0.0.1:PORT
math.randomseed(os.time())
request = function()
  return wrk.format("GET", string.format("/v1/customers/%05d", math.random(1, 23570)))
end
delay = function()
  return 1
end

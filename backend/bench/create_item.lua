-- POST /api/v1/items/ with a JSON body (needs BENCH_TOKEN).
dofile("common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title": "Benchmark item", "description": "Created by wrk during make bench"}'

-- GET the URL given to wrk (with the bearer token when BENCH_TOKEN is set).
dofile("common.lua")

-- wrk script for the bare cpp-httplib baseline: GET /hello.
wrk.method = "GET"
wrk.path = "/hello"

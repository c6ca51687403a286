-- wrk script for the leadq answer benchmark. Two modes, chosen by the first script
-- argument:
--   start    POST /api/v1/sessions for sessions bench-T-0 .. bench-T-(N-1) of each wrk
--            thread T (idempotent: an existing session is resumed), twice over
--   answer   POST real answer bodies of the demo flow to those sessions: session i gets
--            budget, authority, need, timing, e-mail in turn, each with a fresh answer_id;
--            every visitor gives its own e-mail address (one address shared by all would
--            merge every visitor into one, and each answer would re-qualify that
--            visitor's other leads: a different workload)
-- A session takes five answers; the fifth ends its conversation and leadq refuses any
-- later answer to it (409 conversation_ended). So N must cover the run: with R answers
-- per second over S seconds, N >= R * S / (5 * threads); bench/server_bench.sh reports
-- refused answers and says when to raise LEADQ_BENCH_SESSIONS.
-- The second argument is N, the sessions per thread. In answer mode, two more are
-- optional: a number of answers after which each thread stops (0: wrk's duration
-- decides), and the count the thread's requests start from (a run that continues an
-- earlier one: the next steps, with answer ids not used yet).
local counter = 0
-- `thread_id` is a global on purpose: setup() runs in wrk's main Lua state and
-- thread:set() writes a global of each thread's own state (a file-level local here would
-- shadow it, and every thread would answer the same sessions with the same answer ids).
thread_id = 0
local next_thread = 0
local mode = "answer"
local sessions = 1000

local steps = {
  {"budget", '"over_50k"'},
  {"authority", '"decision_maker"'},
  {"need", '"losing_leads"'},
  {"timing", '"within_2_weeks"'},
  {"email", nil},  -- the session's own address, see request()
}

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  mode = args[1] or "answer"
  sessions = tonumber(args[2] or "1000")
  local limit = tonumber(args[3] or "0")
  counter = tonumber(args[4] or "0")
  if mode == "answer" and limit > 0 then
    local answered = 0
    response = function()
      answered = answered + 1
      if answered >= limit then wrk.thread:stop() end
    end
  end
  if mode == "start" then
    -- Creating the sessions is a fixed amount of work: each thread goes over its N
    -- sessions twice (the second pass resumes them, and creates any whose first request
    -- failed) and stops after 2N successes. Only this mode has a response hook: it
    -- costs wrk time.
    local succeeded = 0
    response = function(status)
      if status == 200 or status == 201 then succeeded = succeeded + 1 end
      if succeeded >= 2 * sessions then wrk.thread:stop() end
    end
  end
end

function request()
  local i = counter % sessions
  local session = "bench-" .. thread_id .. "-" .. i
  counter = counter + 1
  if mode == "start" then
    return wrk.format("POST", "/api/v1/sessions", {["Content-Type"] = "application/json"},
      '{"site":"demo-site","flow":"bant-demo","session_id":"' .. session ..
      '","visitor_id":"visitor-' .. thread_id .. "-" .. i .. '"}')
  end
  local step = steps[(math.floor((counter - 1) / sessions) % #steps) + 1]
  local value = step[2] or ('"' .. session .. '@example.com"')
  local body = '{"site":"demo-site","answer_id":"answer-' .. thread_id .. "-" .. counter ..
    '","step":"' .. step[1] .. '","value":' .. value .. '}'
  return wrk.format("POST", "/api/v1/sessions/" .. session .. "/answers",
    {["Content-Type"] = "application/json"}, body)
end

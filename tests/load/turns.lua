-- wrk script for tests/load/load.sh: every request is a Bot Framework message activity with
-- "deliveryMode":"expectReplies" (the replies come back in the response body), posted to /api/messages.
--
-- Texts are free text, as people type them: a body, an opening and an ending chosen so that almost no two
-- requests in a run carry the same string (no cache keyed by text can answer). Conversations are visited
-- round-robin, so one conversation never has two turns in flight while connections << conversations.
--
-- Environment: CONVERSATIONS (default 1000), THREADS (must match wrk -t; default 1), LOAD_TAG (any word:
-- keeps conversation ids of separate runs apart).

local bodies = {
  "hello there",
  "is it illegal to look at ai pictures of kids",
  "I think my brother is downloading bad stuff about children",
  "i have urges i dont want and i need someone to talk to",
  "a guy i met online wants money or he posts my nudes",
  "how can i report an image of a child i found on a forum",
  "my daughter's school says a boy made fake photos of the girls",
  "what are the laws on deepfakes where I live",
  "I was touched by an uncle when I was 9 and never told anyone",
  "can you tell me the football scores",
  "I feel like ending it tonight",
  "will the helpline report me to the police if I call",
  "what should I say to my son about nudify apps",
  "ok thanks for that",
  "does this make me a bad person",
  "is a cartoon of a child still illegal",
}

local openings = { "", "so ", "hi, ", "um ", "ok so ", "please, ", "sorry, ", "hey ", "erm, ", "quick one: ",
  "can I ask ", "yeah ", "hmm ", "honestly ", "right ", "well, ", "listen ", "morning, ", "look ", "and " }

local endings = { "", "?", "??", " please", " thanks", " idk", " tbh", " now", " right", " or not",
  " :(", " asap", " i guess", "...", " x", " pls help", " if u can", " lol" }

local requests = {}
local position = 0
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("thread_number", thread_counter)
end

local function message(thread_number, n, conversation, text)
  return '{"type":"message","id":"load-' .. thread_number .. '-' .. n .. '",' ..
    '"timestamp":"2026-11-30T04:00:00.000Z","channelId":"directline","serviceUrl":"http://127.0.0.1:1/",' ..
    '"from":{"id":"load-user-' .. conversation .. '","role":"user"},' ..
    '"conversation":{"id":"load-' .. (os.getenv("LOAD_TAG") or "run") .. '-' .. thread_number .. '-' .. conversation .. '"},' ..
    '"recipient":{"id":"bot","role":"bot"},"locale":"en-GB","textFormat":"plain",' ..
    '"text":"' .. text .. '","deliveryMode":"expectReplies"}'
end

function init(args)
  local thread_number = tonumber(thread_number) or 1
  local threads = tonumber(os.getenv("THREADS") or "1")
  local conversations = math.max(1, math.ceil(tonumber(os.getenv("CONVERSATIONS") or "1000") / threads))
  local headers = { ["Content-Type"] = "application/json" }
  -- Each pass over the conversations moves every conversation on to the next body, so a conversation
  -- walks through all the topics; openings and endings change with every request.
  local count = #openings * #endings * #bodies
  for n = 0, count - 1 do
    local conversation = n % conversations
    local pass = math.floor(n / conversations)
    local text = openings[(n % #openings) + 1] .. bodies[((conversation + pass) % #bodies) + 1] ..
      endings[(math.floor(n / #openings) % #endings) + 1]
    requests[n + 1] = wrk.format("POST", nil, headers, message(thread_number, n, conversation, text))
  end
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function done(summary, latency, requests_)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT turns_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d requests=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end

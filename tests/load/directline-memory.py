#!/usr/bin/env python3
"""tests/load/directline-memory.py: resident memory of the host with many Direct Line conversations.

Starts the Release host (memory store, a Direct Line secret of its own, loopback only), opens CONVERSATIONS
Direct Line conversations and posts TURNS free-text messages to each (every turn keeps the user's echo and the
bot's replies in the conversation's transcript), and prints the host's resident memory (/proc VmRSS) after each
quarter of the conversations, plus the growth per conversation and what that means at the conversation cap.

    tests/load/directline-memory.py [--conversations 400] [--turns 80] [--port 3997] [--workers 4] [-- HOST ARGS...]

Host arguments after -- are passed on (e.g. -- --DirectLine:MaxActivitiesPerConversation=200).
Build the host first: dotnet build -c Release src/PreventionBot.Host.
"""
import argparse, http.client, json, os, secrets, subprocess, sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HOST_DIR = os.path.join(ROOT, "src", "PreventionBot.Host")
HOST_EXE = os.path.join(HOST_DIR, "bin", "Release", "net10.0", "PreventionBot.Host")

TEXTS = ["hi", "is it illegal to make fake nudes of a classmate", "someone wants money or they post my pictures",
         "I'm worried about my own thoughts about children", "how do I report a video", "what now", "thanks",
         "my son was sent an image, what should I do", "where are you based", "can I talk to a person"]


def rss_mib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mib(pid):
    """The most the host has been resident since it started (VmHWM): a peak between two samples shows here."""
    return rss_mib(pid, "VmHWM")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=400)
    parser.add_argument("--turns", type=int, default=80)
    parser.add_argument("--port", type=int, default=3997)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("host_args", nargs="*")
    args = parser.parse_args()
    if not os.path.exists(HOST_EXE):
        sys.exit(f"{HOST_EXE} is missing: dotnet build -c Release src/PreventionBot.Host")

    try:  # never measure a bot someone else left running on the port
        http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/healthz")
        sys.exit(f"something already listens on 127.0.0.1:{args.port}: pick another --port")
    except OSError:
        pass

    secret = secrets.token_urlsafe(32)
    work = tempfile.mkdtemp(prefix="preventionbot-dlmem.")
    log = open(os.path.join(work, "host.log"), "w")
    host = subprocess.Popen([HOST_EXE, "--urls", f"http://127.0.0.1:{args.port}", "--Storage:Provider=memory",
                             f"--DirectLine:Secret={secret}", "--Serilog:MinimumLevel=Warning", *args.host_args],
                            cwd=HOST_DIR, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 300  # training the classifier takes seconds, more on a busy machine
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if host.poll() is not None:
                sys.exit("host exited: see " + log.name)
            if time.time() > deadline:
                sys.exit("host did not answer /healthz: see " + log.name)
            time.sleep(0.2)

        local = threading.local()
        errors = [0]

        def call(method, path, auth, body=None):
            if getattr(local, "conn", None) is None:
                local.conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
            headers = {"Authorization": "Bearer " + auth, "Content-Type": "application/json"}
            local.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = local.conn.getresponse()
            data = response.read()
            if response.status >= 300:
                errors[0] += 1
                return None
            return json.loads(data) if data else None

        def converse(n):
            started = call("POST", "/v3/directline/conversations", secret)
            if not started:
                return
            cid, token = started["conversationId"], started["token"]
            for t in range(args.turns):
                text = TEXTS[(n + t) % len(TEXTS)] + (" " + str(t) if t % 3 else "")
                call("POST", f"/v3/directline/conversations/{cid}/activities", token,
                     {"type": "message", "from": {"id": f"user-{n}"}, "locale": "en-GB", "text": text,
                      "channelData": {"clientActivityID": f"c{n}-{t}"}})

        time.sleep(2)
        base = rss_mib(host.pid)
        print(f"== Direct Line memory: {args.conversations} conversations x {args.turns} turns, host pid {host.pid}, "
              f"args {' '.join(args.host_args) or '(defaults)'}")
        print(f"RSS conversations=0 rss_mib={base:.0f}")
        step = max(1, args.conversations // 4)
        done = 0
        started_at = time.time()
        with ThreadPoolExecutor(args.workers) as pool:
            while done < args.conversations:
                batch = range(done, min(args.conversations, done + step))
                list(pool.map(converse, batch))
                done = batch.stop
                print(f"RSS conversations={done} rss_mib={rss_mib(host.pid):.0f} peak_rss_mib={peak_mib(host.pid):.0f} errors={errors[0]} "
                      f"elapsed_s={time.time() - started_at:.0f}")
        end = rss_mib(host.pid)
        per = (end - base) / args.conversations
        print(f"SUMMARY per_conversation_kib={per * 1024:.0f} at_5000_conversations_mib={base + per * 5000:.0f} peak_rss_mib={peak_mib(host.pid):.0f} "
              f"errors={errors[0]}")
    finally:
        host.terminate()
        try:
            host.wait(10)
        except subprocess.TimeoutExpired:
            host.kill()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Load test of the meeting workbench (`synoptic serve`) on loopback.

Not part of the test suite: run it through bench/serve_load.sh, which
installs aiohttp, builds the release binary, starts the server on a free
port over a fresh database and hands its address, process id and database
to this script.

What it does:
  1. creates a meeting and uploads the example resolution (base and the
     proposals afr, apt, cept);
  2. opens --delegates server-sent event streams with the delegate key
     (each through a ticket, as the page does), all from one address, as
     delegates behind a venue's NAT are, under the server's default rate
     limits, in
     --procs processes of their own (so that parsing 200 streams does not
     delay the chair's requests; the clocks are the same CLOCK_MONOTONIC),
     and waits until every one has said hello;
  3. has the chair take --rate decisions per second for --duration seconds,
     on a fixed schedule, cycling over the rows and over the choices
     (accept each proposal, keep the base, merge where allowed, a custom
     text), each with the row's expected_version from the last answer;
  4. measures the latency of each decision request and, for every
     delegate, the time from sending the PUT to receiving its event;
  5. reads the server's peak memory (VmHWM), stops the server (SIGTERM),
     and checks in the SQLite file that every acknowledged decision is
     there: the final version and choice of each row, one audit entry per
     acknowledged decision, and every custom text by its unique wording.

Prints one table. Exits 1 when a decision failed, a delegate missed an
event, or an acknowledged decision is not in the database.

  bash bench/serve_load.sh                          # 200 delegates, 60 s
  bash bench/serve_load.sh --delegates 20 --duration 5
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time

import aiohttp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "resolution")
FILES = [("base", "base.txt"), ("proposal", "afr.txt"), ("proposal", "apt.txt"), ("proposal", "cept.txt")]


def now():
    # CLOCK_MONOTONIC: the same clock for the chair and every delegate.
    return time.perf_counter()


def percentile(values, p):
    """Nearest-rank percentile of a sorted list."""
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def row_stats(name, values_s):
    values = sorted(v * 1000.0 for v in values_s)
    if not values:
        return f"| {name} | 0 | – | – | – | – | – |"
    mean = sum(values) / len(values)
    cells = [percentile(values, 50), percentile(values, 90), percentile(values, 99), values[-1], mean]
    return f"| {name} | {len(values)} | " + " | ".join(f"{c:.1f}" for c in cells) + " |"


# ------------------------------------------------------------ the server


class Server:
    """The server under test: started here (--server BIN) or attached to."""

    def __init__(self, args):
        self.process = None
        if args.url:
            self.url, self.pid, self.db = args.url.rstrip("/"), args.pid, args.db
            return
        import tempfile

        self.tmp = tempfile.mkdtemp(prefix="synoptic-load-")
        self.db = os.path.join(self.tmp, "load.db")
        self.process = subprocess.Popen(
            # The server's default limits: every delegate comes from one
            # address, as 200 delegates behind a venue's NAT do.
            [args.server, "serve", "--db", self.db, "--addr", "127.0.0.1:0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        first = self.process.stdout.readline()
        # "synoptic serve: listening on http://127.0.0.1:PORT/ (database ...)"
        self.url = first.split("listening on ", 1)[1].split()[0].rstrip("/")
        self.pid = self.process.pid

    def peak_rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return -1

    def cpu_seconds(self):
        """User and system CPU time the server used so far."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        """SIGTERM, then wait until the process is gone (or a zombie)."""
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
            return
        os.kill(self.pid, signal.SIGTERM)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with open(f"/proc/{self.pid}/status") as f:
                    if any(line.startswith("State:") and "Z" in line for line in f):
                        return
            except FileNotFoundError:
                return
            time.sleep(0.05)
        raise RuntimeError("the server did not stop within 30 s of SIGTERM")


# ------------------------------------------------------------ the meeting


async def create_meeting(session, url):
    async with session.post(f"{url}/api/meetings", json={"title": "Load test", "by": "load"}) as r:
        assert r.status == 201, (r.status, await r.text())
        meeting = await r.json()
    headers = {"X-Synoptic-Token": meeting["chair_token"]}
    for role, name in FILES:
        form = aiohttp.FormData()
        form.add_field("role", role)
        with open(os.path.join(EXAMPLE, name), "rb") as f:
            form.add_field("file", f.read(), filename=name, content_type="text/plain")
        async with session.post(f"{url}/api/meetings/{meeting['id']}/documents", data=form, headers=headers) as r:
            assert r.status == 201, (name, r.status, await r.text())
    api = f"{url}/api/meetings/{meeting['id']}"
    async with session.get(api, headers=headers) as r:
        info = await r.json()
    async with session.get(f"{api}/draft", headers=headers) as r:
        draft = await r.json()
    rows = [row["id"] for row in draft["rows"] if row.get("kind") != "heading"]
    return meeting, info, rows


def choices_for(row, index, conflicts, proposals, turn):
    """The choice for a row's turn-th decision: each row goes round the
    cycle, the row at `index` starting `index` steps along it."""
    cycle = [{"accept": p} for p in proposals] + ["base", "merge", "text"]
    choice = cycle[(index + turn) % len(cycle)]
    if choice == "merge" and row in conflicts:
        choice = "base"
    return choice


# ------------------------------------------------------------ delegates


class Delegate:
    def __init__(self, index):
        self.index = index
        self.hello = asyncio.Event()
        self.received = {}  # (row, version) -> receive time
        self.resyncs = 0
        self.errors = []
        self.ended = False


async def follow(session, url, key, delegate, stop):
    """One delegate's event stream, parsed as EventSource does."""
    try:
        # As the page does: a ticket for the key, then the stream with it
        # (the key never goes in an address).
        async with session.post(f"{url}/tickets", headers={"X-Synoptic-Token": key}) as t:
            if t.status != 200:
                delegate.errors.append(f"ticket: status {t.status}")
                delegate.hello.set()
                return
            ticket = (await t.json())["ticket"]
        async with session.get(f"{url}/events", params={"t": ticket}, headers={"Accept": "text/event-stream"}) as r:
            if r.status != 200:
                delegate.errors.append(f"status {r.status}")
                delegate.hello.set()
                return
            event, data = "message", []
            while not stop.is_set():
                raw = await r.content.readline()
                if not raw:
                    delegate.ended = True
                    break
                line = raw.decode("utf-8").rstrip("\r\n")
                if line == "":
                    if data:
                        handle(delegate, event, "\n".join(data))
                    event, data = "message", []
                elif line.startswith(":"):
                    continue
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "event":
                        event = value
                    elif field == "data":
                        data.append(value)
    except (aiohttp.ClientError, asyncio.TimeoutError) as e:
        delegate.errors.append(repr(e))
        delegate.hello.set()
    except asyncio.CancelledError:
        pass


def handle(delegate, event, data):
    t = now()
    if event == "hello":
        delegate.hello.set()
    elif event == "decision":
        d = json.loads(data)
        decision = d["decision"]
        delegate.received[(d["row"], decision["version"])] = t
    elif event == "resync":
        delegate.resyncs += 1


# ------------------------------------------------------------ the chair


class Chair:
    def __init__(self, api, key, rows, conflicts, proposals):
        self.api = api
        self.headers = {"X-Synoptic-Token": key}
        self.rows = rows
        self.conflicts = conflicts
        self.proposals = proposals
        self.version = {row: 0 for row in rows}
        self.locks = {row: asyncio.Lock() for row in rows}
        self.turns = {row: 0 for row in rows}
        self.sent = {}  # (row, version) -> send time
        self.latency = []
        self.acked = []  # (seq, row, version, choice, note)
        self.conflicts_409 = 0
        self.failures = []
        self.lagging = 0

    async def decide(self, session, seq):
        index = seq % len(self.rows)
        row = self.rows[index]
        async with self.locks[row]:
            turn = self.turns[row]
            self.turns[row] += 1
            choice = choices_for(row, index, self.conflicts, self.proposals, turn)
            if choice == "text":
                choice = {"text": f"load test decision #{seq} on {row}"}
            note = f"load #{seq}"
            for _attempt in range(3):
                expected = self.version[row]
                body = {"choice": choice, "expected_version": expected, "note": note, "by": "load"}
                started = now()
                self.sent[(row, expected + 1)] = started
                try:
                    async with session.put(f"{self.api}/decisions/{row}", json=body, headers=self.headers) as r:
                        answer = await r.json(content_type=None)
                        status = r.status
                except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                    self.failures.append((seq, row, repr(e)))
                    return
                took = now() - started
                if status == 200:
                    self.latency.append(took)
                    self.version[row] = answer["version"]
                    self.acked.append((seq, row, answer["version"], choice, note))
                    return
                if status == 409:
                    # Another chair wrote first: take its version and retry.
                    self.conflicts_409 += 1
                    self.version[row] = answer.get("version", expected)
                    continue
                self.failures.append((seq, row, status, answer))
                return
            self.failures.append((seq, row, "409 three times"))


def delegate_worker(api, key, first, count, conn):
    """A process of its own following `count` delegate streams, so that
    parsing 200 streams' events does not delay the chair's requests; it
    talks to the chair's process over the pipe `conn`."""
    asyncio.run(follow_all(api, key, first, count, conn))


async def follow_all(api, key, first, count, conn):
    loop = asyncio.get_running_loop()
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        stop = asyncio.Event()
        delegates = [Delegate(first + i) for i in range(count)]
        streams = [asyncio.create_task(follow(session, api, key, d, stop)) for d in delegates]
        await asyncio.wait_for(asyncio.gather(*(d.hello.wait() for d in delegates)), timeout=60)
        conn.send(("ready", sum(1 for d in delegates if not d.errors)))
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        # The chair's process sends the events to expect once it is done.
        wanted = set(await loop.run_in_executor(None, conn.recv))
        deadline = now() + 10
        while now() < deadline and any(not wanted <= d.received.keys() for d in delegates if not d.errors):
            await asyncio.sleep(0.05)
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        stop.set()
        for t in streams:
            t.cancel()
        await asyncio.gather(*streams, return_exceptions=True)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    conn.send(("done", [(d.index, d.received, d.resyncs, d.errors, d.ended) for d in delegates], cpu))


async def run(args, server):
    url = server.url
    loop = asyncio.get_running_loop()
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        meeting, info, rows = await create_meeting(session, url)
        api = f"{url}/api/meetings/{meeting['id']}"
        print(
            f"meeting {meeting['id']}: {len(rows)} rows, proposals {', '.join(info['proposals'])}, "
            f"conflicts {', '.join(info['conflict_rows']) or 'none'}",
            file=sys.stderr,
        )

        # The delegates, in --procs processes: every stream open and greeted
        # before the chair starts.
        context = multiprocessing.get_context("spawn")
        workers = []
        first = 0
        for p in range(args.procs):
            count = args.delegates // args.procs + (1 if p < args.delegates % args.procs else 0)
            mine, theirs = context.Pipe()
            process = context.Process(
                target=delegate_worker, args=(api, meeting["delegate_token"], first, count, theirs), daemon=True
            )
            process.start()
            workers.append((process, mine))
            first += count
        opened = now()
        greeted = 0
        for _process, pipe in workers:
            if await loop.run_in_executor(None, pipe.poll, 90):
                greeted += (await loop.run_in_executor(None, pipe.recv))[1]
        print(
            f"{greeted} of {args.delegates} delegate streams open in {now() - opened:.2f} s "
            f"({args.procs} processes)",
            file=sys.stderr,
        )

        # The chair: decision i is sent at start + i / rate, whatever the
        # previous ones are doing (an open-loop schedule).
        chair = Chair(api, meeting["chair_token"], rows, set(info["conflict_rows"]), info["proposals"])
        total = int(args.duration * args.rate)
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu_before = server.cpu_seconds()
        start = now()
        tasks = []
        for seq in range(total):
            due = start + seq / args.rate
            delay = due - now()
            if delay > 0:
                await asyncio.sleep(delay)
            elif delay < -0.05:
                chair.lagging += 1
            tasks.append(asyncio.create_task(chair.decide(session, seq)))
        await asyncio.gather(*tasks)
        elapsed = now() - start
        server_cpu = server.cpu_seconds() - server_cpu_before
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)

        # Tell the delegates what to expect; they wait for the last events
        # (10 s at most), then report what they received and when.
        wanted = sorted({(row, version) for (_s, row, version, _c, _n) in chair.acked})
        results = []
        delegate_cpu = 0.0
        for process, pipe in workers:
            pipe.send(wanted)
        for process, pipe in workers:
            if await loop.run_in_executor(None, pipe.poll, 60):
                _done, received, cpu = await loop.run_in_executor(None, pipe.recv)
                results.extend(received)
                delegate_cpu += cpu
            process.join(timeout=10)
        peak_kib = server.peak_rss_kib()

    wanted = set(wanted)
    delivery = []
    missed = [len(wanted)] * (args.delegates - len(results))  # a worker that never answered
    for _index, received, _resyncs, _errors, _ended in results:
        missed.append(len(wanted - received.keys()))
        for key in wanted & received.keys():
            delivery.append(received[key] - chair.sent[key])
    chair_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return {
        "meeting": meeting,
        "rows": rows,
        "chair": chair,
        "delegates": results,
        "total": total,
        "elapsed": elapsed,
        "delivery": delivery,
        "missed": missed,
        "peak_kib": peak_kib,
        "client_cpu": (chair_cpu, delegate_cpu),
        "server_cpu": server_cpu,
    }


# ------------------------------------------------------------ the database


def check_database(db, meeting_id, chair):
    """Every acknowledged decision, looked up in the SQLite file."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stored = {
        row: (version, json.loads(choice) if choice else None, note)
        for row, choice, version, note in con.execute(
            "SELECT row_id, choice, version, note FROM decisions WHERE meeting_id = ?", (meeting_id,)
        )
    }
    audit = con.execute(
        "SELECT row_id, detail FROM audit WHERE meeting_id = ? AND action = 'decided' ORDER BY id", (meeting_id,)
    ).fetchall()
    con.close()
    problems = []
    last = {}
    per_row = {}
    for seq, row, version, choice, note in chair.acked:
        per_row[row] = per_row.get(row, 0) + 1
        if row not in last or last[row][0] < version:
            last[row] = (version, choice, note)
    for row, (version, choice, note) in last.items():
        if row not in stored:
            problems.append(f"{row}: no decision stored")
            continue
        s_version, s_choice, s_note = stored[row]
        if (s_version, s_choice, s_note) != (version, choice, note):
            problems.append(f"{row}: stored {stored[row]}, last acknowledged {(version, choice, note)}")
        # Versions count the writes: one per acknowledged decision, none lost.
        if s_version != per_row[row]:
            problems.append(f"{row}: version {s_version}, but {per_row[row]} decisions were acknowledged")
    audit_per_row = {}
    details = set()
    for row, detail in audit:
        audit_per_row[row] = audit_per_row.get(row, 0) + 1
        details.add((row, detail))
    if audit_per_row != per_row:
        problems.append(f"audit: {len(audit)} 'decided' entries for {len(chair.acked)} acknowledged decisions")
    texts = [(row, choice["text"]) for (_s, row, _v, choice, _n) in chair.acked if isinstance(choice, dict) and "text" in choice]
    found_texts = sum(1 for row, text in texts if (row, f"wrote the text {json.dumps(text)}") in details)
    if found_texts != len(texts):
        problems.append(f"audit: {found_texts} of {len(texts)} custom texts found by their wording")
    return {
        "rows": len(last),
        "audit": len(audit),
        "texts": (found_texts, len(texts)),
        "problems": problems,
    }


# ------------------------------------------------------------ main


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delegates", type=int, default=200, help="delegate event streams (default 200)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of decisions (default 60)")
    parser.add_argument("--rate", type=float, default=20.0, help="decisions per second (default 20)")
    parser.add_argument("--procs", type=int, default=2, help="processes the delegates are spread over (default 2)")
    parser.add_argument("--server", default=os.path.join(ROOT, "target", "release", "synoptic"),
                        help="the binary to start, unless --url is given")
    parser.add_argument("--url", help="a running server's address (with --pid and --db)")
    parser.add_argument("--pid", type=int, help="its process id (for VmHWM and SIGTERM)")
    parser.add_argument("--db", help="its database file")
    args = parser.parse_args()
    if args.url and not (args.pid and args.db):
        parser.error("--url needs --pid and --db")
    if not 1 <= args.procs <= max(1, args.delegates):
        parser.error("--procs must be between 1 and --delegates")

    server = Server(args)
    try:
        result = asyncio.run(run(args, server))
    finally:
        server.stop()
    chair = result["chair"]
    db = check_database(server.db, result["meeting"]["id"], chair)

    missed = result["missed"]
    delegates = result["delegates"]
    print()
    print(f"synoptic serve load test: {args.delegates} delegates, {args.rate:g} decisions/s "
          f"for {args.duration:g} s, on loopback ({os.cpu_count()} cores)")
    print()
    print("| latency (ms) | count | p50 | p90 | p99 | max | mean |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(row_stats("decision PUT, sent to answer", chair.latency))
    print(row_stats("event delivery, PUT sent to each delegate", result["delivery"]))
    print()
    print("| what | value |")
    print("| --- | --- |")
    print(f"| decisions sent / acknowledged | {result['total']} / {len(chair.acked)} "
          f"in {result['elapsed']:.1f} s ({len(chair.acked) / result['elapsed']:.1f}/s) |")
    print(f"| failed requests / 409 conflicts / sent late (>50 ms) | {len(chair.failures)} / "
          f"{chair.conflicts_409} / {chair.lagging} |")
    print(f"| events missed per delegate (max / total) | {max(missed, default=0)} / {sum(missed)} |")
    print(f"| delegates with errors / resyncs / streams ended early | "
          f"{sum(1 for d in delegates if d[3])} / {sum(d[2] for d in delegates)} / "
          f"{sum(1 for d in delegates if d[4])} |")
    print(f"| server peak RSS (VmHWM) | {result['peak_kib'] / 1024:.1f} MiB |")
    chair_cpu, delegate_cpu = result["client_cpu"]
    print(f"| CPU time during the decisions: server / chair / delegates | {result['server_cpu']:.1f} s / "
          f"{chair_cpu:.1f} s / {delegate_cpu:.1f} s (in {result['elapsed']:.0f} s) |")
    print(f"| in the database after SIGTERM | {len(chair.acked) if not db['problems'] else 'NOT all'} of "
          f"{len(chair.acked)} acknowledged decisions ({db['rows']} rows at the acknowledged version and choice, "
          f"{db['audit']} 'decided' audit entries, {db['texts'][0]}/{db['texts'][1]} custom texts by wording) |")
    for problem in db["problems"][:20]:
        print(f"database: {problem}")
    for failure in chair.failures[:20]:
        print(f"failure: {failure}")
    for index, _received, _resyncs, errors, _ended in delegates:
        if errors:
            print(f"delegate {index}: {errors[:3]}")
            break
    ok = not chair.failures and sum(missed) == 0 and not db["problems"] and len(chair.acked) == result["total"]
    print()
    print("result: OK" if ok else "result: FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

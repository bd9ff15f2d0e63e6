#!/usr/bin/env python3
"""Load probe for `migtrack serve` (issue 12, item 6; numbers in RELIABILITY.md).

Usage (a server on 127.0.0.1:PORT with process id PID, e.g. over the demo + shared news corpus):
  python3 bench/api_load.py hammer PORT PID [CLIENTS=1000] [SECONDS=20]
  python3 bench/api_load.py halfopen PORT PID [CONNECTIONS=1000] [WAIT_SECONDS=20]

hammer: N keep-alive clients loop on GET /api/status (again at once after any answer, 503
included) while GET /api/dates?limit=1 is timed every 0.5 s on a fresh connection: inside the
flood's own event loop (an upper bound: that loop is saturated), and from two separate
processes, one from the flood's address (127.0.0.1) and one from another (127.0.0.2). The
server's thread count is sampled from /proc.
halfopen: N connections send half a request head; after the wait, count how many the server
still holds open.
"""
import asyncio
import json
import statistics
import sys
import time


def threads_of(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    length = None
    chunked = False
    close = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        value = value.strip()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "connection" and value.lower() == "close":
            close = True
    if length is not None:
        await reader.readexactly(length)
    elif chunked:
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        close = True
    return status, close


async def hammer(port, path, stop, counts):
    writer = None
    while not stop.is_set():
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            await writer.drain()
            status, close = await read_response(reader)
            counts[status] = counts.get(status, 0) + 1
            if close:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            counts["error"] = counts.get("error", 0) + 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()


async def probe_once(port, path):
    started = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        status, _ = await asyncio.wait_for(read_response(reader), 60)
        writer.close()
    except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as error:
        status = f"error:{type(error).__name__}"
    return status, time.monotonic() - started


async def run_hammer(port, pid, clients, seconds):
    stop = asyncio.Event()
    counts = {}
    max_threads = threads_of(pid)
    baseline_threads = max_threads
    probe_stats = []
    probe_tasks = []
    tasks = [asyncio.create_task(hammer(port, "/api/status", stop, counts)) for _ in range(clients)]
    started = time.monotonic()
    await asyncio.sleep(1.0)  # let the flood build up
    probes = [
        await asyncio.create_subprocess_exec(
            sys.executable, __file__, "probe", str(port), source, str(seconds - 2),
            "/api/dates?limit=1", stdout=asyncio.subprocess.PIPE)
        for source in ("127.0.0.1", "127.0.0.2")
    ]
    while time.monotonic() - started < seconds:
        probe_tasks.append(asyncio.create_task(probe_once(port, "/api/dates?limit=1")))
        for _ in range(5):
            await asyncio.sleep(0.1)
            max_threads = max(max_threads, threads_of(pid))
    probe_reports = [json.loads((await probe.communicate())[0]) for probe in probes]
    stop.set()
    for result in await asyncio.gather(*probe_tasks):
        probe_stats.append(result)
    await asyncio.wait(tasks, timeout=70)
    elapsed = time.monotonic() - started
    ok = sorted(latency for status, latency in probe_stats if status == 200)
    statuses = {}
    for status, _ in probe_stats:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    report = {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "status_requests_by_status": {str(k): v for k, v in counts.items()},
        "status_requests_per_second": round(
            sum(v for k, v in counts.items() if k == 200) / elapsed, 1
        ),
        "probe_statuses": statuses,
        "probe_latency_200_s": {
            "n": len(ok),
            "median": round(statistics.median(ok), 3) if ok else None,
            "p90": round(ok[int(len(ok) * 0.9) - 1], 3) if ok else None,
            "max": round(ok[-1], 3) if ok else None,
        },
        "probe_latency_all_s_max": round(max(latency for _, latency in probe_stats), 3),
        "separate_process_probes": probe_reports,
        "threads_before": baseline_threads,
        "threads_max": max_threads,
    }
    print(json.dumps(report, indent=1))


async def run_halfopen(port, pid, clients, wait):
    streams = []
    for _ in range(clients):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            continue
        writer.write(f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ".encode())
        streams.append((reader, writer))
    threads = threads_of(pid)
    await asyncio.sleep(wait)
    still_open = 0
    for reader, writer in streams:
        try:
            data = await asyncio.wait_for(reader.read(1), 0.01)
            if data:
                still_open += 0  # answered (an error page): not held
        except asyncio.TimeoutError:
            still_open += 1
        except OSError:
            pass
        writer.close()
    probe = await probe_once(port, "/healthz")
    print(json.dumps({
        "half_open_sent": len(streams),
        "wait_s": wait,
        "still_open": still_open,
        "threads": threads,
        "healthz_after": [str(probe[0]), round(probe[1], 3)],
    }, indent=1))


def probe_process(port, source, seconds, path):
    """A blocking probe in its own process: GET path every 0.5 s from `source`."""
    import socket
    results = []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        began = time.monotonic()
        status = "error"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=60,
                                          source_address=(source, 0)) as connection:
                connection.sendall(
                    f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
                raw = b""
                while True:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    raw += chunk
                status = int(raw.split(b" ")[1])
        except (OSError, IndexError, ValueError):
            pass
        latency = time.monotonic() - began
        results.append((status, latency))
        time.sleep(max(0.0, 0.5 - latency))
    ok = sorted(latency for status, latency in results if status == 200)
    statuses = {}
    for status, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    print(json.dumps({
        "source": source,
        "statuses": statuses,
        "latency_200_s": {
            "n": len(ok),
            "median": round(statistics.median(ok), 3) if ok else None,
            "p90": round(ok[max(0, int(len(ok) * 0.9) - 1)], 3) if ok else None,
            "max": round(ok[-1], 3) if ok else None,
        },
        "latency_any_max_s": round(max(latency for _, latency in results), 3),
    }))


def main():
    if sys.argv[1] == "probe":
        probe_process(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5])
        return
    mode, port, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 20
    if mode == "hammer":
        asyncio.run(run_hammer(port, pid, clients, seconds))
    else:
        asyncio.run(run_halfopen(port, pid, clients, seconds))


if __name__ == "__main__":
    main()

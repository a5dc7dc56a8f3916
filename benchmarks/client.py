"""The load generator: threads, each with its own keep-alive `http.client` connection.

Each request is timed from sending it to reading its last byte (a streamed CSV included). A
connection the server closes (gunicorn's sync workers close after every response) is reopened by
`http.client` on the next request, and that reconnect is part of the time, as it is for a real
client. The client's own cost is measured too: the CPU its threads spend per request, and the
rate it reaches against a trivial endpoint, so a reader can tell that it is not the bottleneck.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# (method, path, body, headers) for the request number n of a thread.
RequestFactory = Callable[[int, int], tuple[str, str, bytes | None]]


@dataclass
class Sample:
    """What a run of requests measured."""

    seconds: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    bytes: int = 0
    elapsed: float = 0.0
    client_cpu: float = 0.0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Sample) -> None:
        self.seconds.extend(other.seconds)
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.bytes += other.bytes
        self.elapsed += other.elapsed
        self.client_cpu += other.client_cpu
        self.errors.extend(other.errors)

    def summary(self) -> dict[str, Any]:
        """Milliseconds (p50, p95, max, mean), requests per second, statuses and the client's CPU per request."""
        ordered = sorted(self.seconds)
        count = len(ordered)
        if not count:
            return {"requests": 0}

        def percentile(share: float) -> float:
            return ordered[min(count - 1, max(0, round(share * count + 0.5) - 1))] * 1000

        return {
            "requests": count,
            "p50_ms": round(percentile(0.50), 2),
            "p95_ms": round(percentile(0.95), 2),
            "max_ms": round(ordered[-1] * 1000, 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
            "requests_per_second": _rate(count, self.elapsed),
            "bytes_per_response": self.bytes // count,
            "client_cpu_us_per_request": round(self.client_cpu / count * 1e6, 1),
            "statuses": {str(status): n for status, n in sorted(self.statuses.items())},
            "errors": self.errors[:5],
        }


def _rate(count: int, seconds: float) -> float | None:
    """Requests per second, with three significant digits even for a case that takes seconds per request."""
    if not seconds:
        return None
    rate = count / seconds
    return round(rate, 1) if rate >= 100 else float(f"{rate:.3g}")


class Client:
    """Requests to one server, from any number of threads, each thread on its own connection."""

    def __init__(self, host: str, port: int, headers: dict[str, str] | None = None, timeout: float = 300) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.headers = {"Host": f"{host}:{port}", **(headers or {})}
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._local.connection = connection
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes, float]:
        """Status, body and seconds to the last byte."""
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        for attempt in (1, 2):
            connection = self._connection()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server had closed: reopen once, as a browser would.
                self.close()
                if attempt == 2:
                    raise
        seconds = time.perf_counter() - started
        if response.will_close:
            self.close()
        return response.status, data, seconds

    def run(
        self, make_request: RequestFactory, *, requests: int, threads: int = 1, seconds: float | None = None
    ) -> Sample:
        """`requests` requests per thread, all threads at once, each thread stopping early once `seconds` have
        passed (after one request at least); the rate is over the wall time of the whole run."""
        samples = [Sample() for _ in range(threads)]
        deadline = time.perf_counter() + seconds if seconds else None

        def work(index: int) -> None:
            sample = samples[index]
            cpu = time.thread_time()
            try:
                for number in range(requests):
                    if number and deadline and time.perf_counter() > deadline:
                        break
                    method, path, body = make_request(index, number)
                    try:
                        status, data, seconds = self.request(method, path, body)
                    except OSError as error:
                        sample.errors.append(f"{path}: {error}")
                        continue
                    sample.seconds.append(seconds)
                    sample.statuses[status] = sample.statuses.get(status, 0) + 1
                    sample.bytes += len(data)
                    if status >= 400 and len(sample.errors) < 5:
                        sample.errors.append(f"{status} {path}: {data[:200].decode('utf-8', 'replace')}")
            finally:
                sample.client_cpu = time.thread_time() - cpu
                self.close()

        started = time.perf_counter()
        if threads == 1:
            work(0)
        else:
            workers = [threading.Thread(target=work, args=(index,)) for index in range(threads)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
        elapsed = time.perf_counter() - started
        total = Sample(elapsed=elapsed)
        for sample in samples:
            sample.elapsed = 0.0
            total.add(sample)
        total.elapsed = elapsed
        return total

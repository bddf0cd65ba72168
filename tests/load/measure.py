"""The measured window of a locust run, and its results as JSON.

Every virtual user first logs in (seekers and employers) and opens its first pages: the warm-up,
which also makes each gunicorn worker build its candidate matrix. Users then wait until all have
done so; the statistics are reset and the window opens for `--measure` seconds, after which the
results are written to `--results` and locust is told to quit. Logins and the first (cold) pages
therefore never count in the figures, but the warm-up's slowest times are kept in the results.

The machine is shared with the load generator (and, on a developer's machine, with others), so the
window also records the load average every 5 s and the CPU seconds used by the server (gunicorn's
master and workers), by PostgreSQL's backends for the load database, by locust itself, and by the
machine as a whole.
"""
import json
import os
import time
from collections import Counter, defaultdict

import gevent
import psutil
from gevent.event import Event

SAMPLE_EVERY = 5.0
PERCENTILES = {"median": 0.5, "p95": 0.95, "p99": 0.99}


def percentile(times: dict[int, int], share: float) -> float:
    """Locust keeps response times as {rounded ms: count}; the time below which `share` of them fall."""
    total = sum(times.values())
    if not total:
        return 0.0
    wanted, seen = total * share, 0
    for ms in sorted(times):
        seen += times[ms]
        if seen >= wanted:
            return float(ms)
    return float(max(times))


def kind_of(name: str) -> str:
    return "api" if name.startswith("/api/") else "page"


def _cpu_seconds(process: psutil.Process | None, with_children: bool) -> float:
    if process is None:
        return 0.0
    try:
        processes = [process] + (process.children(recursive=True) if with_children else [])
        return sum(p.cpu_times().user + p.cpu_times().system for p in processes)
    except psutil.Error:
        return 0.0


def _database_processes(name: str) -> list[psutil.Process]:
    """PostgreSQL's backends serving database `name` (title "postgres: [CLUSTER:] USER NAME ADDRESS STATE")."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        words = " ".join(process.info["cmdline"] or []).split()
        if words[:1] == ["postgres:"] and name in words[1:5]:
            found.append(process)
    return found


def _database_seconds(processes: dict[int, psutil.Process]) -> dict[int, float]:
    seconds = {}
    for pid, process in processes.items():
        try:
            seconds[pid] = process.cpu_times().user + process.cpu_times().system
        except psutil.Error:
            continue
    return seconds


def _busy_seconds() -> float:
    times = psutil.cpu_times()
    return times.user + times.nice + times.system + getattr(times, "irq", 0) + getattr(times, "softirq", 0)


class Window:
    def __init__(self):
        self.ready = 0
        self.opened = Event()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.loads: list[float] = []
        self.retries: Counter = Counter()
        self.started_at = time.time()
        self.environment = None

    # --- wiring (called from the locustfile's event listeners) ------------------------------------

    def on_request(self, request_type, name, response=None, **_kwargs) -> None:
        if self.opened.is_set():
            code = getattr(response, "status_code", None)
            self.statuses[f"{request_type} {name}"][str(code) if code else "no answer"] += 1

    def note_retry(self, error) -> None:
        """A request sent again after the connection broke (see BrowserRetry in the locustfile)."""
        if self.opened.is_set():
            self.retries[f"{type(error).__name__}: {str(error)[:100]}"] += 1

    def user_ready(self, environment) -> None:
        """A user finished its warm-up; the last one opens the window. Every user then waits for it."""
        self.environment = environment
        self.ready += 1
        if self.ready >= environment.runner.target_user_count and not self.opened.is_set():
            self._open()
        self.opened.wait()

    # --- the window -------------------------------------------------------------------------------

    def _open(self) -> None:
        env, options = self.environment, self.environment.parsed_options
        self.warmup = [{"name": e.name, "method": e.method, "requests": e.num_requests, "failures": e.num_failures,
                        "median": e.median_response_time, "max": e.max_response_time}
                       for e in env.stats.entries.values()]
        self.warmup_errors = [{"name": e.name, "method": e.method, "error": str(e.error),
                               "occurrences": e.occurrences} for e in env.stats.errors.values()]
        self.warmup_seconds = time.time() - self.started_at
        env.stats.reset_all()
        self.retries.clear()
        self.server = psutil.Process(options.server_pid) if options.server_pid else None
        self.backends = {p.pid: p for p in _database_processes(options.database_name)} if options.database_name \
            else {}
        self.backend_start = _database_seconds(self.backends)
        self.before = {"server": _cpu_seconds(self.server, True), "locust": _cpu_seconds(psutil.Process(), False),
                       "machine": _busy_seconds(), "wall": time.time()}
        self.load_before = os.getloadavg()
        self.opened.set()
        gevent.spawn(self._measure, options.measure)

    def _measure(self, seconds: float) -> None:
        end = time.time() + seconds
        while time.time() < end:
            gevent.sleep(min(SAMPLE_EVERY, max(0.0, end - time.time())))
            self.loads.append(os.getloadavg()[0])
        results = self._results()
        with open(self.environment.parsed_options.results, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)
        self.environment.runner.quit()

    def _results(self) -> dict:
        env, options = self.environment, self.environment.parsed_options
        wall = time.time() - self.before["wall"]
        after = {"server": _cpu_seconds(self.server, True), "locust": _cpu_seconds(psutil.Process(), False),
                 "machine": _busy_seconds()}
        if options.database_name:  # backends opened during the window count whole
            self.backends.update({p.pid: p for p in _database_processes(options.database_name)})
            ended = _database_seconds(self.backends)
            self.before["database"] = 0.0
            after["database"] = sum(s - self.backend_start.get(pid, 0.0) for pid, s in ended.items())
        rows = [self._row(e.name, e.method, e.num_requests, e.num_failures, e.response_times, e.max_response_time,
                          wall) for e in env.stats.entries.values()]
        rows.sort(key=lambda r: (r["kind"], -r["p95"]))
        groups = {}
        for label, wanted in (("all", ("page", "api")), ("pages", ("page",)), ("api", ("api",))):
            chosen = [e for e in env.stats.entries.values() if kind_of(e.name) in wanted]
            merged = Counter()
            for e in chosen:
                merged.update(e.response_times)
            groups[label] = self._row(label, "", sum(e.num_requests for e in chosen),
                                      sum(e.num_failures for e in chosen), merged,
                                      max((e.max_response_time for e in chosen), default=0), wall)
            groups[label]["kind"] = label
        return {
            "label": options.label, "users": env.runner.target_user_count, "think": options.think,
            "measure_s": round(wall, 1), "warmup_s": round(self.warmup_seconds, 1), "host": env.host,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self.before["wall"])),
            "load_before": [round(x, 2) for x in self.load_before], "load_samples": [round(x, 2) for x in self.loads],
            "load_after": [round(x, 2) for x in os.getloadavg()], "cores": psutil.cpu_count(),
            "cpu_s": {k: round(after[k] - self.before[k], 1) for k in after},
            "endpoints": rows, "groups": groups, "statuses": {k: dict(v) for k, v in sorted(self.statuses.items())},
            "errors": [{"name": e.name, "method": e.method, "error": str(e.error), "occurrences": e.occurrences}
                       for e in env.stats.errors.values()],
            "retries": dict(self.retries), "warmup": self.warmup, "warmup_errors": self.warmup_errors,
        }

    @staticmethod
    def _row(name, method, requests, failures, times, slowest, wall) -> dict:
        row = {"name": name, "method": method, "kind": kind_of(name), "requests": requests, "failures": failures,
               "rps": round(requests / wall, 2) if wall else 0.0, "max": round(slowest or 0)}
        row.update({label: percentile(times, share) for label, share in PERCENTILES.items()})
        return row

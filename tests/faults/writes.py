"""Check (a): PostgreSQL restarted and crashed under write load.

Writer threads, each a coordinator logged in on their own, add case notes through the real form
(POST /coordinator/cases/<id>/notes) without pause; a reader thread opens the placements list, and an
API client reads GET /api/v1/departures with its token (under its rate limit of 120 a minute). Every
note carries a unique text. A note is *acknowledged* when the answer is the form's success: a 302 back
to the case with a "success" flash in the session cookie (the service commits before that answer).

Each request is stamped with when it started and ended and judged by where it falls:
- before the outage (ended before the stop was issued) and after it (started once PostgreSQL accepted
  connections again): every write acknowledged, every read 200;
- during it (overlapping the outage): the normal answer, or 503 with Retry-After, nothing else;
and afterwards every acknowledged note must be in the database (read straight from PostgreSQL).
"""
import threading
import time
from collections import Counter
from dataclasses import dataclass

from tests.faults.client import Answer, Browser, SessionReader
from tests.faults.cluster import Cluster, Outage
from tests.faults.report import Check

MIN_AFTER = 20  # requests after recovery needed for "0 errors afterwards" to mean something
API_PAUSE = 0.6  # seconds between API reads: 100 a minute at most, under the client's limit


@dataclass
class Write:
    text: str
    answer: Answer
    acknowledged: bool


def note_acknowledged(answer: Answer, case_id: int, sessions: SessionReader) -> bool:
    """The note form's success: back to the case, with exactly one flash, of category "success"."""
    if answer.status != 302 or answer.location != f"/coordinator/cases/{case_id}":
        return False
    return [category for category, _message in sessions.flashes(answer)] == ["success"]


class WriteLoad:
    """Writers and one reader against one server until stopped."""

    def __init__(self, writers: list[Browser], reader: Browser, api: Browser, case_id: int, tokens: list[str],
                 sessions: SessionReader, label: str):
        self.writers, self.case_id, self.tokens = writers, case_id, tokens
        self.sessions, self.label = sessions, label
        self.writes: list[Write] = []
        self.reads: list[Answer] = []
        self.api_reads: list[Answer] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._write, args=(n,)) for n in range(len(writers))]
        self.threads.append(threading.Thread(target=self._read, args=(reader, "/coordinator/placements",
                                                                      self.reads, 0.02)))
        self.threads.append(threading.Thread(target=self._read, args=(api, "/api/v1/departures", self.api_reads,
                                                                      API_PAUSE)))

    def _write(self, n: int) -> None:
        browser, path, seq = self.writers[n], f"/coordinator/cases/{self.case_id}/notes", 0
        while not self.stop.is_set():
            seq += 1
            text = f"{self.label}-w{n:02d}-{seq:06d}"
            answer = browser.request("POST", path, {"csrf_token": self.tokens[n], "text": text}, keep_cookies=False)
            with self.lock:
                self.writes.append(Write(text, answer, note_acknowledged(answer, self.case_id, self.sessions)))

    def _read(self, browser: Browser, path: str, into: list[Answer], pause: float) -> None:
        while not self.stop.is_set():
            answer = browser.request("GET", path, keep_cookies=False)
            with self.lock:
                into.append(answer)
            self.stop.wait(pause)

    def run_around(self, outage, warm: float = 3.0, after: float = 6.0) -> Outage:
        """Load for `warm` seconds, cause the outage (a callable returning an Outage), load `after` seconds more."""
        for thread in self.threads:
            thread.start()
        try:
            time.sleep(warm)
            happened = outage()
            time.sleep(after)
        finally:
            self.stop.set()
            for thread in self.threads:
                thread.join()
        return happened


def judge(load: WriteLoad, outage: Outage, cluster: Cluster) -> Check:
    check = Check(f"(a) {outage.kind} under write load")
    writes, reads = load.writes, load.reads + load.api_reads
    everything = [(w.answer, w.acknowledged) for w in writes] + [(r, r.status == 200) for r in reads]
    before = [(a, ok) for a, ok in everything if a.ended < outage.down_at]
    during = [(a, ok) for a, ok in everything if a.started <= outage.up_at and a.ended >= outage.down_at]
    after = [(a, ok) for a, ok in everything if a.started > outage.up_at]
    refused = [a for a, ok in during if not ok]
    unavailable = [a for a in refused if a.status == 503]
    strange = [a for a in refused if a.status != 503]
    without_retry = [a for a in unavailable if not a.retry_after]
    api_unavailable = [a for a in load.api_reads if a.status == 503]
    api_not_json = [a for a in api_unavailable if not a.headers.get("content-type", "").startswith("application/json")]

    stored = {text for (text,) in cluster.query("SELECT text FROM case_notes WHERE case_id = %s AND text LIKE %s",
                                                (load.case_id, f"{load.label}-%"))}
    acknowledged = {w.text for w in writes if w.acknowledged}
    lost = acknowledged - stored
    unacknowledged_stored = stored - acknowledged
    duplicates = cluster.query("SELECT count(*) - count(DISTINCT text) FROM case_notes WHERE case_id = %s "
                               "AND text LIKE %s", (load.case_id, f"{load.label}-%"))[0][0]

    check.figure("outage (stop issued until PostgreSQL accepted connections)", f"{outage.seconds:.2f} s")
    check.figure("requests (writes + page reads + API reads)", f"{len(writes)} + {len(load.reads)} + "
                 f"{len(load.api_reads)}: {len(before)} before, "
                 f"{len(during)} during, {len(after)} after the outage")
    check.figure("status codes during the outage", _codes(a for a, _ok in during))
    check.figure("503 during the outage", f"{len(unavailable)}, with Retry-After: "
                 f"{len(unavailable) - len(without_retry)}")
    check.figure("errors before / after the outage", f"{sum(not ok for _a, ok in before)} / "
                 f"{sum(not ok for _a, ok in after)}")
    check.figure("writes acknowledged / stored / lost", f"{len(acknowledged)} / {len(stored)} / {len(lost)}")
    check.figure("API answers of 503 / of them JSON", f"{len(api_unavailable)} / "
                 f"{len(api_unavailable) - len(api_not_json)}")
    answered = {w.text: w.answer for w in writes}
    check.figure("stored without acknowledgement (how they were answered)",
                 f"{len(unacknowledged_stored)} ({_codes(answered[t] for t in unacknowledged_stored)})")

    check.require(not strange, f"{len(strange)} answers during the outage were neither the normal answer nor 503: "
                  f"{_codes(strange)} {_first_error(strange)}")
    check.require(len(unavailable) > 0, "no request met the outage (no 503 seen): nothing was tested")
    check.require(not without_retry, f"{len(without_retry)} answers of 503 without Retry-After")
    check.require(not api_not_json, f"{len(api_not_json)} API answers of 503 were not JSON")
    check.require(all(ok for _a, ok in before), "errors before the outage")
    check.require(all(ok for _a, ok in after), f"errors after recovery: {_codes(a for a, ok in after if not ok)} "
                  f"{_first_error([a for a, ok in after if not ok])}")
    check.require(len(after) >= MIN_AFTER, f"only {len(after)} requests after recovery (< {MIN_AFTER})")
    check.require(not lost, f"{len(lost)} acknowledged writes missing from the database: {sorted(lost)[:5]}")
    check.require(duplicates == 0, f"{duplicates} notes stored twice")
    return check


def _codes(answers) -> str:
    counts = Counter(a.status for a in answers)
    return ", ".join(f"{'no answer' if status == 0 else status}: {n}" for status, n in sorted(counts.items())) or "-"


def _first_error(answers: list[Answer]) -> str:
    for answer in answers:
        if answer.error:
            return f"(first: {answer.error})"
    return ""

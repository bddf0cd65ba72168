"""Running sqlmap on one target and reading its verdict; the server's access log counts its requests."""
import os
import re
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.scans.targets import Target

LEVEL, RISK = 3, 1
# The range level 3 tests anyway. Without it sqlmap's ORDER BY shortcut, fooled by a page that changes by
# itself (the CSRF token of the layout's forms), once "found" 390 columns and spent 13 minutes on them.
UNION_COLUMNS = "1-10"
RUN_SECONDS = 900
INJECTABLE = re.compile(r"sqlmap identified the following injection point|Parameter: .+ \((GET|POST|URI)\)\n\s+Type:")
NOT_INJECTABLE = ("all tested parameters do not appear to be injectable", "do not appear to be injectable")


@dataclass
class Outcome:
    target: Target
    verdict: str          # "not injectable", "INJECTABLE" or "ERROR: …"
    requests: int = 0
    server_errors: int = 0
    seconds: float = 0.0
    output: Path | None = None

    @property
    def injectable(self) -> bool:
        return self.verdict == "INJECTABLE"

    @property
    def clean(self) -> bool:
        return self.verdict == "not injectable" and self.server_errors == 0


def command(sqlmap: Path, target: Target, dbms: str, outdir: Path, level: int = LEVEL, risk: int = RISK,
            technique: str | None = None) -> list[str]:
    args = [str(sqlmap), "-u", target.url, "--batch", "--flush-session", f"--level={level}", f"--risk={risk}",
            f"--dbms={dbms}", f"--union-cols={UNION_COLUMNS}", "--threads=2", "--disable-coloring",
            "--drop-set-cookie", "--timeout=30", "--retries=1", f"--output-dir={outdir}",
            f"--user-agent={user_agent(target)}"]
    if target.param:
        args.append(f"-p{target.param}")
    if target.data is not None:
        args.append(f"--data={target.data}")
    if target.cookie:
        args.append(f"--cookie={target.cookie}")
    for header in target.headers:
        args.append(f"--header={header}")
    if technique:
        args.append(f"--technique={technique}")
    return args


def user_agent(target: Target) -> str:
    return f"jembatan-scan/{target.name}"


def run(sqlmap: Path, target: Target, dbms: str, workdir: Path, **options) -> Outcome:
    """One sqlmap run; its whole output is kept in workdir/<name>.txt."""
    output = workdir / f"{target.name}.txt"
    started = time.monotonic()
    env = {**os.environ, "TERM": "dumb"}
    try:
        result = subprocess.run(command(sqlmap, target, dbms, workdir / target.name, **options), env=env,
                                capture_output=True, text=True, timeout=RUN_SECONDS, stdin=subprocess.DEVNULL)
        text = result.stdout + result.stderr
    except subprocess.TimeoutExpired as expired:
        text = f"{expired.stdout or ''}\nsqlmap did not finish within {RUN_SECONDS} s"
    output.write_text(text)
    return Outcome(target, verdict(text), seconds=time.monotonic() - started, output=output)


def verdict(text: str) -> str:
    """What sqlmap concluded: a found injection wins; "not injectable" needs its closing words; else an error."""
    if INJECTABLE.search(text):
        return "INJECTABLE"
    if any(words in text for words in NOT_INJECTABLE):
        return "not injectable"
    critical = [line for line in text.splitlines() if "[CRITICAL]" in line or "[ERROR]" in line]
    return "ERROR: " + (critical[-1].split("]", 2)[-1].strip() if critical else "sqlmap ended without a verdict")


def count_requests(access_log: str, outcomes: list[Outcome]) -> None:
    """Each outcome's requests and 5xx answers, from the server's access log (its User-Agent column)."""
    by_agent = Counter()
    errors = Counter()
    for line in access_log.splitlines():
        found = re.search(r' (\d{3}) "[A-Z]+ [^"]*" "([^"]*)"$', line)
        if found:
            by_agent[found.group(2)] += 1
            errors[found.group(2)] += found.group(1).startswith("5")
    for outcome in outcomes:
        agent = user_agent(outcome.target)
        outcome.requests, outcome.server_errors = by_agent[agent], errors[agent]

"""Schemathesis with every check against /api/v1/openapi.json, and what its JSON report says."""
import json
import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = int(os.environ.get("SCAN_SCHEMATHESIS_EXAMPLES", "150"))
RUN_SECONDS = 900
CHECK_NAMES = ("import schemathesis.specs.openapi.checks  # registers the OpenAPI checks\n"
               "from schemathesis.checks import CHECKS\n"
               "print(','.join(CHECKS.get_all_names()))")


@dataclass
class ApiOutcome:
    operations: int = 0
    test_cases: int = 0
    failures: int = 0
    failure_kinds: list = field(default_factory=list)   # e.g. "ST202 Schema-valid request rejected (GET /x)"
    errors: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    seed: str = ""
    seconds: float = 0.0
    problem: str = ""     # the run itself did not complete

    @property
    def clean(self) -> bool:
        return not (self.failures or self.failure_kinds or self.errors or self.problem) and self.operations > 0


def run(scan_bin: Path, base: str, token: str, workdir: Path) -> ApiOutcome:
    report = workdir / "schemathesis.json"
    args = [str(scan_bin / "schemathesis"), "--config-file", str(CONFIG), "run", f"{base}/api/v1/openapi.json",
            "--checks", "all", "--header", f"Authorization: Bearer {token}", "--max-examples", str(MAX_EXAMPLES),
            "--report", "json", "--report-json-path", str(report), "--wait-for-schema", "30"]
    started = time.monotonic()
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1"}
    # In workdir: schemathesis keeps a cache folder (.schemathesis) where it runs.
    result = subprocess.run(args, capture_output=True, text=True, timeout=RUN_SECONDS, env=env,
                            stdin=subprocess.DEVNULL, cwd=workdir)
    (workdir / "schemathesis.txt").write_text(result.stdout + result.stderr)
    outcome = ApiOutcome(seconds=time.monotonic() - started, checks=_check_names(scan_bin))
    if not report.exists():
        outcome.problem = f"no report (exit {result.returncode}): {result.stdout[-500:]}{result.stderr[-500:]}"
        return outcome
    data = json.loads(report.read_text())
    outcome.operations = data["operations"]["tested"]
    outcome.test_cases = data["test_cases"]["generated"]
    outcome.failures = data["test_cases"]["unique_failures"]
    outcome.failure_kinds = [f"{item['code']} {item['title']} ({', '.join(item['operations'])})"
                             for item in data["failures"]]
    outcome.errors = [str(error)[:300] for error in data["errors"]]
    outcome.seed = str(data.get("seed", ""))
    if not data.get("complete") or result.returncode not in (0, 1):
        outcome.problem = f"the run did not complete (exit {result.returncode}, {data.get('stop_reason')})"
    return outcome


def _check_names(scan_bin: Path) -> list[str]:
    result = subprocess.run([str(scan_bin / "python"), "-c", CHECK_NAMES], capture_output=True, text=True,
                            timeout=120)
    return result.stdout.strip().split(",") if result.returncode == 0 else []

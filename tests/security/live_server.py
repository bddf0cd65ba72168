"""A real server process on a loopback port, for the scans and the shared-limiter test.

It runs in its own process group, so stopping it ends gunicorn's master and every worker it made,
and nothing else.
"""
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

START_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    def __init__(self, command: list[str], env: dict, log: Path, url: str, cwd: Path):
        self.command, self.env, self.log, self.url, self.cwd = command, env, log, url, cwd
        self.process: subprocess.Popen | None = None

    def __call__(self, path: str = "/") -> str:
        return self.url + path

    def start(self, ready_path: str = "/", warm_up: int = 0) -> None:
        """Start, and return once the server answers `ready_path` (then `warm_up` more times, so that
        every worker has loaded the app before the first timed request)."""
        with self.log.open("w") as out:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_SECONDS
        while not self._answers(ready_path):
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not answer within {START_SECONDS} s:\n{self.tail()}")
            time.sleep(0.3)
        for _ in range(warm_up):
            self._answers(ready_path)

    def _answers(self, path: str) -> bool:
        try:
            urllib.request.urlopen(self.url + path, timeout=30).close()  # noqa: S310 (our own loopback server)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def tail(self, characters: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-characters:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

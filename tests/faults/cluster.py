"""The private PostgreSQL cluster that tests/faults/run.sh made: stop it, crash it, start it, ask it things.

Every command runs as the cluster's OS user (run.sh passes `runuser -u postgres --` as FAULTS_AS_PG when
it runs as root). Times are `time.monotonic()`, the clock the load threads stamp their requests with.
"""
import os
import shlex
import subprocess
import time
from dataclasses import dataclass

import psycopg

DATABASE = "jembatan_faults"


@dataclass
class Outage:
    """From the moment the stop was issued until PostgreSQL accepted a connection again."""
    kind: str
    down_at: float
    up_at: float

    @property
    def seconds(self) -> float:
        return self.up_at - self.down_at


class Cluster:
    def __init__(self):
        self.bin = os.environ["FAULTS_PGBIN"]
        self.data = os.environ["FAULTS_PGDATA"]
        self.port = int(os.environ["FAULTS_PGPORT"])
        self.as_pg = shlex.split(os.environ.get("FAULTS_AS_PG", ""))
        if self.port == 5432:
            raise SystemExit("faults: refusing to work on port 5432 (the machine's shared server)")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def pg_ctl(self, *args: str) -> None:
        """Run pg_ctl in a session of its own, its group id in the work folder for run.sh's trap meanwhile."""
        command = [*self.as_pg, f"{self.bin}/pg_ctl", "-D", self.data, *args]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
        marker = os.path.join(os.environ["FAULTS_WORK"], "pg_ctl.pgid")
        with open(marker, "w") as handle:
            handle.write(str(process.pid))
        try:
            status = process.wait(timeout=120)
        finally:
            os.remove(marker)
        if status != 0:
            raise subprocess.CalledProcessError(status, command)

    def accepts_connections(self) -> bool:
        try:
            with psycopg.connect(self.url, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.OperationalError:
            return False

    def wait_until_up(self, limit: float = 60) -> float:
        deadline = time.monotonic() + limit
        while not self.accepts_connections():
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not come back within {limit} s")
            time.sleep(0.05)
        return time.monotonic()

    def restart_fast(self) -> Outage:
        """`pg_ctl restart -m fast`: sessions are ended, open transactions rolled back, then a clean start."""
        down = time.monotonic()
        self.pg_ctl("restart", "-m", "fast", "-w", "-t", "60", "-l", self._log())
        return Outage("restart (fast)", down, self.wait_until_up())

    def crash(self, down_for: float) -> Outage:
        """`pg_ctl stop -m immediate` (no shutdown checkpoint: crash recovery at the next start), then start."""
        down = time.monotonic()
        self.pg_ctl("stop", "-m", "immediate", "-w")
        time.sleep(down_for)
        self.pg_ctl("start", "-w", "-t", "60", "-l", self._log())
        return Outage("crash (immediate) and start", down, self.wait_until_up())

    def _log(self) -> str:
        return os.path.join(os.path.dirname(self.data), "server.log")

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(self.url) as conn:
            return conn.execute(sql, params).fetchall()

    def version(self) -> str:
        return self.query("SHOW server_version")[0][0]

    def app_backends(self) -> set[int]:
        """Server processes of client connections to the app's database, other than this query's own."""
        rows = self.query("SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend' "
                          "AND pid <> pg_backend_pid()", (DATABASE,))
        return {pid for (pid,) in rows}

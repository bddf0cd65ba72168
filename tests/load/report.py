"""Write the load test's results: docs/load-results.md (the whole report, generated), the section of
BENCHMARKS.md between `<!-- load:start -->` and `<!-- load:end -->` (added at the end when missing;
nothing else in the file is touched), and a summary on standard output.

    python tests/load/report.py --think think.json --peak peak.json --command "make load" ...

Standard library only: it runs in the load generator's virtualenv.
"""
import argparse
import json
import os
import platform
import subprocess
from datetime import date
from pathlib import Path

START, END = "<!-- load:start -->", "<!-- load:end -->"
TARGETS = {"errors": 0, "p95": 150, "p99": 400}
SHARED = ("The load generator (locust) runs on the same 2 cores as gunicorn and PostgreSQL, and other "
          "sessions' test suites may be running too: the load average and the CPU seconds of each part are "
          "given beside the figures.")


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603,S607
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine() -> str:
    model, ram = "unknown CPU", 0.0
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), model)
    with open("/proc/meminfo", encoding="utf-8") as handle:
        ram = int(handle.readline().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} CPUs (nproc; {model}), {ram:.0f} GB RAM, Linux {platform.release()}"


def ms(value: float) -> str:
    return f"{value:,.0f} ms"


def load_line(run: dict) -> str:
    samples = run["load_samples"] or [0.0]
    return (f"load average {run['load_before'][0]:.2f} before (1 min; 5 min {run['load_before'][1]:.2f}), "
            f"{sum(samples) / len(samples):.2f} mean and {max(samples):.2f} highest during the window")


def cpu_line(run: dict) -> str:
    cpu, window = run["cpu_s"], run["measure_s"]
    capacity = window * run["cores"]
    database = cpu.get("database", 0.0)
    other = max(0.0, cpu["machine"] - cpu["server"] - cpu["locust"] - database)
    return (f"CPU seconds in the {window:.0f} s window (capacity {capacity:.0f}): gunicorn {cpu['server']:.0f}, "
            f"PostgreSQL for the load database {database:.0f}, locust {cpu['locust']:.0f}, everything else "
            f"(other sessions' work, Redis, the system) {other:.0f}")


def answered(run: dict) -> float:
    """Requests per second answered as asked (a 429 of the rate limiter is a refusal, not an answer)."""
    every = run["groups"]["all"]
    return (every["requests"] - failures(run)[0]) / run["measure_s"] if run["measure_s"] else 0.0


def failures(run: dict) -> tuple[int, int]:
    """(answers 429 from the rate limiter, every other failure)."""
    limited = sum(e["occurrences"] for e in run["errors"] if "HTTP 429" in e["error"])
    return limited, sum(e["occurrences"] for e in run["errors"]) - limited


def endpoint_table(run: dict) -> list[str]:
    lines = ["| endpoint | requests | failures | median | p95 | p99 | max | req/s |", "|---" * 8 + "|"]
    rows = sorted((r for r in run["endpoints"] if r["requests"]), key=lambda r: (r["kind"] != "page", -r["p95"]))
    for r in rows + [dict(run["groups"][g], name=f"**{g}**") for g in ("pages", "api", "all")]:
        name = f"`{r['method']} {r['name']}`" if r["method"] else r["name"]
        lines.append(f"| {name} | {r['requests']:,} | {r['failures']:,} | {ms(r['median'])} | {ms(r['p95'])} | "
                     f"{ms(r['p99'])} | {ms(r['max'])} | {r['rps']:.1f} |")
    return lines


def cost_table(costs: dict) -> list[str]:
    lines = ["| endpoint | CPU, warm | wall, warm | first call (cold): CPU / wall | answer |", "|---" * 5 + "|"]
    for r in sorted(costs["endpoints"], key=lambda r: -r["cpu"]):
        lines.append(f"| `{r['method']} {r['name']}` | {r['cpu']:,.0f} ms | {r['wall']:,.0f} ms | "
                     f"{r['cold_cpu']:,} / {r['cold_wall']:,} ms | {r['bytes'] / 1024:,.0f} KB |")
    return lines


def demand(run: dict, costs: dict) -> tuple[float, float]:
    """(mean CPU ms per request of the run's own mix, CPU seconds per second that mix needs at its rate)."""
    cpu = {c["name"]: c["cpu"] for c in costs["endpoints"]}
    counted = [(r["requests"], cpu[r["name"]]) for r in run["endpoints"] if r["name"] in cpu and r["requests"]]
    requests = sum(n for n, _ in counted)
    mean = sum(n * c for n, c in counted) / requests if requests else 0.0
    return mean, mean / 1000 * run["groups"]["all"]["rps"]


def verdicts(think: dict) -> list[tuple[str, str, str, bool]]:
    pages, errors = think["groups"]["pages"], sum(e["occurrences"] for e in think["errors"])
    return [("errors (all requests)", f"{errors:,}", f"{TARGETS['errors']}", errors == 0),
            ("p95, pages", ms(pages["p95"]), f"< {TARGETS['p95']} ms", pages["p95"] < TARGETS["p95"]),
            ("p99, pages", ms(pages["p99"]), f"< {TARGETS['p99']} ms", pages["p99"] < TARGETS["p99"])]


def target_rows(think: dict) -> list[str]:
    return [f"| {name} | {value} | {target} | {'yes' if ok else '**no**'} |"
            for name, value, target, ok in verdicts(think)]


def slowest(run: dict, count: int = 5) -> list[str]:
    rows = sorted(run["endpoints"], key=lambda r: -r["p95"])[:count]
    return [f"`{r['method']} {r['name']}` p95 {ms(r['p95'])}, p99 {ms(r['p99'])}" for r in rows]


def cold(run: dict, count: int = 4) -> str:
    rows = sorted(run["warmup"], key=lambda r: -r["max"])[:count]
    return ", ".join(f"`{r['method']} {r['name']}` up to {ms(r['max'])}" for r in rows)


def full_report(think: dict, peak: dict, costs: dict, args, commit: str) -> str:
    limited, other = failures(peak)
    lines = [
        "# Load test results", "",
        "Generated by `make load` (tests/load/run.sh); do not edit by hand. How the test works: the docstrings of",
        "tests/load/run.sh, locustfile.py, measure.py and seed.py. BENCHMARKS.md carries the summary.", "",
        f"- **Date**: {think['started']}", f"- **Commit**: {commit}", f"- **Command**: `{args.command}`",
        f"- **Machine**: {machine()}", f"- **Shared machine**: {SHARED}",
        f"- **Server**: gunicorn ({args.workers} workers x {args.threads} threads, app/gunicorn_conf.py), "
        "`APP_ENV=production`, rate-limit storage in Redis, on 127.0.0.1",
        f"- **Database**: {args.data}", f"- **Raw output**: `{args.raw}` (not committed)", "",
        "## Targets (run 1: 50 users, 1-3 s think time, 60 s)", "",
        "| figure | measured | target | met |", "|---|---|---|---|",
        *target_rows(think),
        "", f"{load_line(think)}; {cpu_line(think)}.", "", why_missed(think, costs), "",
        f"## Run 1: {think['users']} users, think time {think['think']} s, {think['measure_s']:.0f} s measured", "",
        f"Before the window every user logged in and opened its first pages ({think['warmup_s']:.0f} s, not counted;",
        f"the slowest cold pages: {cold(think)}).", "", *endpoint_table(think), "",
        *errors_section(think), "## Run 2: the same users without think time (peak throughput)", "",
        f"**{answered(peak):.0f} requests/s answered** ({peak['groups']['all']['rps']:.0f}/s sent: "
        f"{peak['groups']['pages']['rps']:.0f} pages/s, {peak['groups']['api']['rps']:.0f} API calls/s); "
        f"{limited:,} answers 429 from the per-address and per-client rate limits (the offices' 120 calls a "
        f"minute each, code look-ups 60 a minute per address), {other:,} other failures. {load_line(peak)}; "
        f"{cpu_line(peak)}.", "", *endpoint_table(peak), "", *errors_section(peak),
        "## Slowest endpoints", "", "Run 1 (by p95):", "", *[f"- {line}" for line in slowest(think)], "",
        "Run 2 (by p95):", "", *[f"- {line}" for line in slowest(peak)], "",
        "## What each request costs, alone", "",
        "Measured after the runs with the server stopped: the app in its own process (production configuration,",
        "the same database), one request at a time through Flask's test client, the median of "
        f"{costs['runs']} warm calls",
        "after a first, cold one (the first ranking of a process builds the matcher's matrix). CPU time does not",
        "depend on the neighbours on a shared machine; the wall time here still does, a little.", "",
        *cost_table(costs), "", capacity_line(think, costs), "",
    ]
    return "\n".join(lines)


def why_missed(run: dict, costs: dict) -> str:
    """Why the targets were missed, from the figures: the CPU the mix needs against the CPU the server got."""
    if all(ok for *_rest, ok in verdicts(run)):
        return ""
    mean, _cores = demand(run, costs)
    requests = max(1, run["groups"]["all"]["requests"])
    in_server = run["cpu_s"]["server"] / requests * 1000
    got = run["cpu_s"]["server"] / run["measure_s"]
    heaviest = max(costs["endpoints"], key=lambda r: r["cpu"])
    samples = run["load_samples"] or [0.0]
    return (f"Why the targets are missed: the server had more work than CPU. In gunicorn each request of the mix "
            f"cost {in_server:,.0f} ms of CPU on average (alone, in process: {mean:,.0f} ms; the rest is gunicorn, "
            f"logging and threads taking turns at one interpreter lock); at the ~25 requests/s that 50 users with "
            f"1-3 s think time send when answered promptly, that is {in_server / 1000 * 25:.1f} cores. Gunicorn got "
            f"{got:.2f} cores on average (load average {sum(samples) / len(samples):.1f} on {run['cores']} cores: "
            f"the other sessions took the rest), so requests queued and every page waited behind them. And one "
            f"page misses on its own: `{heaviest['name']}` takes {heaviest['wall']:,.0f} ms alone "
            f"({heaviest['cpu']:,.0f} ms CPU, {heaviest['bytes'] / 1024:,.0f} KB).")


def retried_line(run: dict) -> str:
    retried = sum(run.get("retries", {}).values())
    if not retried:
        return ""
    return (f"{retried:,} of {run['groups']['all']['requests']:,} requests were sent a second time, as browsers do, "
            "because gunicorn closed their kept-alive connection under them (its `keepalive` is the default 2 s; "
            "see docs/load-results.md).")


def capacity_line(run: dict, costs: dict) -> str:
    mean, cores = demand(run, costs)
    return (f"Run 1's mix costs {mean:,.0f} ms of CPU per request on average: at the "
            f"{run['groups']['all']['rps']:.1f} requests/s the users managed, {cores:.2f} CPU-seconds per second of "
            f"the server's own work, next to PostgreSQL and locust, on {run['cores']} cores. At the rate 50 users "
            f"with 1-3 s think time would send if answered at once (about 25/s) it would be "
            f"{mean / 1000 * 25:.1f} cores.")


def errors_section(run: dict) -> list[str]:
    lines = ["No failures." if not run["errors"] else "Failures:", ""]
    lines += [f"- `{e['method']} {e['name']}`: {e['error']} ({e['occurrences']:,}x)"
              for e in sorted(run["errors"], key=lambda e: -e["occurrences"])]
    lines += [""] if run["errors"] else []
    retried = sum(run.get("retries", {}).values())
    if retried:
        lines += [f"Requests sent a second time because the server closed the connection under them (as a "
                  f"browser does; the time of both attempts is counted): {retried:,}, "
                  + "; ".join(f"{k} ({v}x)" for k, v in run["retries"].items()) + ".", ""]
    return lines


def benchmarks_section(think: dict, peak: dict, costs: dict, args, commit: str) -> str:
    limited, other = failures(peak)
    pages, api, every = think["groups"]["pages"], think["groups"]["api"], think["groups"]["all"]
    lines = [
        START, "## Load: 50 users on the production server (issue 8)", "",
        f"`{args.command}` on {date.today().isoformat()}, commit {commit}. Full tables: "
        "[docs/load-results.md](docs/load-results.md) (generated by the same run).", "",
        f"- **Set-up**: gunicorn {args.workers} workers x {args.threads} threads, `APP_ENV=production`, limits in "
        f"Redis; {args.data}. Mix of 50 users: 15 public visitors, 20 seekers (dashboard, matches), 10 employers "
        "(ranked candidates), 5 Immigration offices on the API, each on its own loopback address.",
        f"- **Machine**: {machine()}. {SHARED}", "",
        "| run 1: 1-3 s think time, 60 s | measured | target | met |", "|---|---|---|---|",
        *target_rows(think),
        f"| requests (pages / API), req/s | {every['requests']:,} ({pages['requests']:,} / {api['requests']:,}), "
        f"{every['rps']:.1f} | — | — |",
        f"| median, pages / API | {ms(pages['median'])} / {ms(api['median'])} | — | — |",
        f"| p95 / p99, API | {ms(api['p95'])} / {ms(api['p99'])} | — | — |", "",
        f"Run 1: {load_line(think)}; {cpu_line(think)}. {retried_line(think)}", "", why_missed(think, costs), "",
        f"**Peak (run 2, no think time)**: {answered(peak):.0f} requests/s answered, "
        f"{peak['groups']['all']['rps']:.0f}/s sent "
        f"(pages p95 {ms(peak['groups']['pages']['p95'])}); {limited:,} rate-limited (429, by design), "
        f"{other:,} other failures. {load_line(peak)}; {cpu_line(peak)}.", "",
        "Slowest endpoints (run 1, p95): " + "; ".join(slowest(think, 3)) + ".", "",
        "Cost of one request alone, CPU (warm, in process): " + "; ".join(
            f"`{r['name']}` {r['cpu']:,.0f} ms" for r in sorted(costs["endpoints"], key=lambda r: -r["cpu"])[:4])
        + f". {capacity_line(think, costs)}", "", END,
    ]
    return "\n".join(lines)


def replace_section(path: Path, section: str) -> None:
    """Read, replace between the markers (or append them), write back at once."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text and text.index(START) < text.index(END):
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def summary(think: dict, peak: dict, costs: dict) -> str:
    lines = ["", "Load test summary (details: docs/load-results.md)"]
    for name, value, target, ok in verdicts(think):
        lines.append(f"  {name:<22} {value:>10}   target {target:<9} {'met' if ok else 'MISSED'}")
    lines.append(f"  peak throughput        {answered(peak):>6.0f} req/s answered, "
                 f"{peak['groups']['all']['rps']:.0f}/s sent (no think time)")
    lines.append(f"  {load_line(think)}")
    lines += ["  slowest (run 1, p95): " + line for line in slowest(think, 3)]
    lines += [f"  CPU per request alone: {r['name']} {r['cpu']:,.0f} ms"
              for r in sorted(costs["endpoints"], key=lambda r: -r["cpu"])[:3]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("think", "peak", "costs", "command", "data", "workers", "threads", "raw", "markdown", "benchmarks"):
        parser.add_argument(f"--{name}", required=True)
    args = parser.parse_args(argv)
    think = json.loads(Path(args.think).read_text(encoding="utf-8"))
    peak = json.loads(Path(args.peak).read_text(encoding="utf-8"))
    costs = json.loads(Path(args.costs).read_text(encoding="utf-8"))
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    Path(args.markdown).write_text(full_report(think, peak, costs, args, commit), encoding="utf-8")
    replace_section(Path(args.benchmarks), benchmarks_section(think, peak, costs, args, commit))
    print(summary(think, peak, costs))


if __name__ == "__main__":
    main()

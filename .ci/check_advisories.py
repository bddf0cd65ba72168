"""Check the pinned requirements against the offline PyPA advisory copy.

Online vulnerability databases cannot be reached from the machines that build this project,
so this reads `../shared/advisories/vulns/<package>/*.yaml` beside the repository (OSV format;
`ADVISORIES_DIR` or --advisories overrides it). Withdrawn entries are skipped; only ECOSYSTEM
ranges and explicit `versions` lists count, because a GIT range speaks in commit ids.
Exit 0 when no pin is affected, 1 when one is, 2 when the copy or a requirements file is missing.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from packaging.version import InvalidVersion, Version

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REQUIREMENTS = (REPO / "requirements.txt", REPO / "tests" / "requirements.txt")
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")
COPY_DATE = re.compile(r"\bof (\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    source: str


@dataclass(frozen=True)
class Finding:
    pin: Pin
    advisory: str
    fixed: str
    summary: str


def normalise(name: str) -> str:
    """PEP 503 name: lowercase, runs of '-', '_' and '.' become one '-'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def default_advisories_dir() -> Path:
    return Path(os.environ.get("ADVISORIES_DIR") or REPO.parent / "shared" / "advisories")


def read_pins(path: Path, seen: set[Path] | None = None) -> list[Pin]:
    """Every `name==version` in a requirements file, following `-r other.txt` includes."""
    seen = seen if seen is not None else set()
    path = path.resolve()
    if path in seen:
        return []
    seen.add(path)
    pins = []
    for line in path.read_text().splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            pins += read_pins(path.parent / line.split(None, 1)[1], seen)
        elif match := PIN.match(line):
            pins.append(Pin(normalise(match[1]), match[2], path.name))
    return pins


def _parse(version: str) -> Version | None:
    try:
        return Version(version)
    except InvalidVersion:
        return None


def _in_range(version: Version, events: list[dict]) -> bool:
    """Walk OSV events in version order: is this version inside an affected interval?"""
    affected = False
    for event in sorted(events, key=_event_order):
        if "introduced" in event:
            start = str(event["introduced"])
            if start == "0" or ((bound := _parse(start)) is not None and version >= bound):
                affected = True
        elif "fixed" in event and (bound := _parse(str(event["fixed"]))) is not None:
            if version >= bound:
                affected = False
        elif "last_affected" in event and (bound := _parse(str(event["last_affected"]))) is not None:
            if version > bound:
                affected = False
    return affected


def _event_order(event: dict):
    value = str(next(iter(event.values())))
    parsed = Version("0") if value == "0" else _parse(value)
    return (parsed or Version("0"), 0 if "introduced" in event else 1)


def affects(advisory: dict, name: str, version: str) -> tuple[bool, str]:
    """Whether one OSV advisory marks this version of this package affected, and the next fix."""
    if advisory.get("withdrawn"):
        return False, ""
    parsed = _parse(version)
    for entry in advisory.get("affected") or []:
        package = entry.get("package") or {}
        if normalise(str(package.get("name", ""))) != name or package.get("ecosystem", "PyPI") != "PyPI":
            continue
        ranges = [span for span in entry.get("ranges") or [] if span.get("type") == "ECOSYSTEM"]
        listed = {str(v) for v in entry.get("versions") or []}
        hit = version in listed or (parsed is not None and any(_parse(v) == parsed for v in listed))
        if not hit and parsed is not None:
            hit = any(_in_range(parsed, span.get("events") or []) for span in ranges)
        if hit:
            return True, _next_fix(ranges, parsed)
    return False, ""


def _next_fix(ranges: list[dict], version: Version | None) -> str:
    """The lowest fixed version above this one, or '' when the advisory names none."""
    fixes = [bound for span in ranges for event in span.get("events") or []
             if "fixed" in event and (bound := _parse(str(event["fixed"]))) is not None
             and (version is None or bound > version)]
    return str(min(fixes)) if fixes else ""


def advisories_for(vulns: Path, name: str) -> list[tuple[str, dict]]:
    """The advisories filed under this package's folder (folder names compared normalised)."""
    folders = [vulns / name] if (vulns / name).is_dir() else [
        folder for folder in vulns.iterdir() if folder.is_dir() and normalise(folder.name) == name]
    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            found.append((path.stem, yaml.safe_load(path.read_text()) or {}))
    return found


def check(pins: list[Pin], advisories_dir: Path) -> list[Finding]:
    vulns = advisories_dir / "vulns"
    findings = []
    for pin in pins:
        for advisory_id, advisory in advisories_for(vulns, pin.name):
            hit, fixed = affects(advisory, pin.name, pin.version)
            if hit:
                summary = " ".join(str(advisory.get("summary") or advisory.get("details") or "").split())
                findings.append(Finding(pin, str(advisory.get("id") or advisory_id), fixed, summary[:160]))
    return findings


def copy_date(advisories_dir: Path) -> str:
    readme = advisories_dir / "README.md"
    match = COPY_DATE.search(readme.read_text()) if readme.exists() else None
    return match[1] if match else "an unknown date"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="*", type=Path, help="requirements files (default: ours)")
    parser.add_argument("--advisories", type=Path, default=None, help="the advisory copy's folder")
    args = parser.parse_args(argv)
    advisories_dir = args.advisories or default_advisories_dir()
    if not (advisories_dir / "vulns").is_dir():
        print(f"advisory copy not found: {advisories_dir / 'vulns'}", file=sys.stderr)
        return 2
    files = args.requirements or list(DEFAULT_REQUIREMENTS)
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        print("requirements file not found: " + ", ".join(missing), file=sys.stderr)
        return 2
    seen: set[Path] = set()
    pins = sorted({pin.name: pin for f in files for pin in read_pins(f, seen)}.values(), key=lambda p: p.name)
    findings = check(pins, advisories_dir)
    for finding in findings:
        fix = f"fixed in {finding.fixed}" if finding.fixed else "no fixed version"
        print(f"VULNERABLE {finding.pin.name}=={finding.pin.version} ({finding.pin.source}): "
              f"{finding.advisory}, {fix}. {finding.summary}")
    date = copy_date(advisories_dir)
    if findings:
        affected = len({finding.pin.name for finding in findings})
        print(f"{len(findings)} known advisories affect {affected} of {len(pins)} pinned packages "
              f"(PyPA advisory copy of {date})")
        return 1
    print(f"0 known advisories for {len(pins)} pinned packages: no advisory known as of {date}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

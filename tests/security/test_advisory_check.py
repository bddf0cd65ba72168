"""The offline dependency-advisory check catches a planted vulnerable pin and passes clean ones."""
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHECKER = REPO / ".ci" / "check_advisories.py"


@pytest.fixture
def advisories(tmp_path):
    """A small advisory copy in the same layout and format as ../shared/advisories."""
    root = tmp_path / "advisories"
    (root / "vulns" / "demo-lib").mkdir(parents=True)
    (root / "vulns" / "other-lib").mkdir(parents=True)
    (root / "README.md").write_text("A test copy, as of its commit abc of 2024-10-10.\n")
    (root / "vulns" / "demo-lib" / "PYSEC-0000-1.yaml").write_text(textwrap.dedent("""\
        id: PYSEC-0000-1
        details: demo-lib before 2.0.1 lets anyone in.
        affected:
        - package: {name: Demo_Lib, ecosystem: PyPI}
          ranges:
          - type: GIT
            repo: https://example.invalid/demo-lib
            events: [{introduced: '0'}, {fixed: 0123456789abcdef}]
          - type: ECOSYSTEM
            events: [{introduced: '1.0'}, {fixed: 2.0.1}]
        """))
    (root / "vulns" / "demo-lib" / "PYSEC-0000-2.yaml").write_text(textwrap.dedent("""\
        id: PYSEC-0000-2
        details: listed only by version.
        affected:
        - package: {name: demo-lib, ecosystem: PyPI}
          versions: ['3.1']
        """))
    (root / "vulns" / "other-lib" / "PYSEC-0000-3.yaml").write_text(textwrap.dedent("""\
        id: PYSEC-0000-3
        withdrawn: '2024-01-01T00:00:00Z'
        details: withdrawn, so it counts for nothing.
        affected:
        - package: {name: other-lib, ecosystem: PyPI}
          ranges:
          - type: ECOSYSTEM
            events: [{introduced: '0'}]
        """))
    (root / "vulns" / "other-lib" / "PYSEC-0000-4.yaml").write_text(textwrap.dedent("""\
        id: PYSEC-0000-4
        details: only a GIT range, whose versions are commit ids.
        affected:
        - package: {name: other-lib, ecosystem: PyPI}
          ranges:
          - type: GIT
            repo: https://example.invalid/other-lib
            events: [{introduced: '0'}, {fixed: fedcba9876543210}]
        """))
    return root


def run_checker(advisories_dir, *requirements, env_override=False):
    args = [sys.executable, str(CHECKER), *map(str, requirements)]
    env = None
    if env_override:
        env = {"ADVISORIES_DIR": str(advisories_dir), "PATH": "/usr/bin:/bin"}
    else:
        args += ["--advisories", str(advisories_dir)]
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)


def requirements(tmp_path, text, name="requirements.txt"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_a_pin_inside_an_ecosystem_range_is_reported_and_fails(advisories, tmp_path):
    pins = requirements(tmp_path, "Flask==3.1.3\ndemo_lib==1.5  # planted\n")
    result = run_checker(advisories, pins)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "demo-lib==1.5" in result.stdout
    assert "PYSEC-0000-1" in result.stdout
    assert "fixed in 2.0.1" in result.stdout
    assert "2024-10-10" in result.stdout.splitlines()[-1]


def test_a_version_named_in_an_explicit_list_is_reported(advisories, tmp_path):
    result = run_checker(advisories, requirements(tmp_path, "demo-lib[extra]==3.1\n"))
    assert result.returncode == 1
    assert "PYSEC-0000-2" in result.stdout


def test_an_included_requirements_file_is_checked_too(advisories, tmp_path):
    (tmp_path / "sub").mkdir()
    requirements(tmp_path, "demo-lib==2.0\n", name="runtime.txt")
    pins = requirements(tmp_path / "sub", "-r ../runtime.txt\npytest==9.2.0\n")
    result = run_checker(advisories, pins, env_override=True)
    assert result.returncode == 1
    assert "demo-lib==2.0" in result.stdout


@pytest.mark.parametrize("pin", [
    "demo-lib==2.0.1",     # the fixed version
    "demo-lib==0.9",       # before the range was introduced
    "other-lib==1.0",      # only withdrawn and GIT-range advisories
    "unlisted-lib==1.0",   # no advisory at all
])
def test_clean_pins_pass_with_the_copy_date(advisories, tmp_path, pin):
    result = run_checker(advisories, requirements(tmp_path, pin + "\n"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].endswith("no advisory known as of 2024-10-10")


def test_a_missing_advisory_copy_is_an_error_not_a_pass(tmp_path):
    result = run_checker(tmp_path / "nowhere", requirements(tmp_path, "demo-lib==1.5\n"))
    assert result.returncode == 2
    assert "advisory copy not found" in result.stderr

"""The load report writes its own part of BENCHMARKS.md and nothing else, and judges the targets truly."""
from tests.load.report import END, START, replace_section, verdicts


def test_only_the_text_between_the_load_markers_is_replaced(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(f"# Benchmarks\n\n## Matcher\nfigures\n\n{START}\nold load figures\n{END}\n\n## Faults\nkept\n")
    replace_section(path, f"{START}\nnew load figures\n{END}")
    text = path.read_text()
    assert "old load figures" not in text and "new load figures" in text
    assert text.startswith("# Benchmarks\n\n## Matcher\nfigures\n\n") and text.endswith("\n\n## Faults\nkept\n")
    assert text.count(START) == 1 and text.count(END) == 1


def test_the_markers_are_added_at_the_end_when_missing(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n## Matcher\nfigures\n")
    replace_section(path, f"{START}\nload\n{END}")
    assert path.read_text() == f"# Benchmarks\n\n## Matcher\nfigures\n\n{START}\nload\n{END}\n"


def _run(errors: int, p95: float, p99: float) -> dict:
    pages = {"p95": p95, "p99": p99}
    return {"groups": {"pages": pages}, "errors": [{"occurrences": errors}] if errors else []}


def test_a_target_is_met_only_below_its_bound():
    assert [ok for *_rest, ok in verdicts(_run(0, 149, 399))] == [True, True, True]
    assert [ok for *_rest, ok in verdicts(_run(1, 150, 400))] == [False, False, False]

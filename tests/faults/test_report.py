"""The faults results touch only their own section of BENCHMARKS.md, and a check fails on any failed requirement."""
from tests.faults.report import END, START, Check, replace_between_markers, update_benchmarks

OTHERS = "# Benchmarks\n\n## The matcher\n\nfigures\n"


def test_the_section_is_added_at_the_end_when_the_markers_are_missing():
    text = replace_between_markers(OTHERS, "## Faults\n\nnew")
    assert text.startswith(OTHERS.rstrip("\n"))
    assert text.endswith(f"{START}\n## Faults\n\nnew\n{END}\n")


def test_only_the_text_between_the_markers_is_replaced():
    before = f"{OTHERS}\n{START}\nold figures\n{END}\n\n## Load\n\nkept\n"
    text = replace_between_markers(before, "new figures")
    assert text == f"{OTHERS}\n{START}\nnew figures\n{END}\n\n## Load\n\nkept\n"


def test_writing_twice_leaves_one_section(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(OTHERS)
    update_benchmarks(path, "first")
    update_benchmarks(path, "second")
    text = path.read_text()
    assert text.count(START) == 1 and text.count(END) == 1
    assert "second" in text and "first" not in text and "## The matcher" in text


def test_a_check_fails_on_any_unmet_requirement_and_says_which():
    check = Check("(x) something")
    check.require(True, "never shown")
    check.require(False, "2 winners among 16")
    assert not check.passed
    assert check.failures == ["2 winners among 16"]
    assert check.printed().startswith("FAIL  (x) something")

"""Check results: printed as PASS/FAIL with their figures, written to docs/faults-results.md and BENCHMARKS.md.

BENCHMARKS.md is shared with other sections: only the text between the two markers is replaced (the
markers are added at the end when missing), reading and writing the file at once.
"""
from dataclasses import dataclass, field
from pathlib import Path

START, END = "<!-- faults:start -->", "<!-- faults:end -->"


@dataclass
class Check:
    name: str
    passed: bool = True
    figures: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def figure(self, label: str, value) -> None:
        self.figures.append((label, str(value)))

    def require(self, condition: bool, failure: str) -> None:
        if not condition:
            self.passed = False
            self.failures.append(failure)

    def printed(self) -> str:
        lines = [f"{'PASS' if self.passed else 'FAIL'}  {self.name}"]
        lines += [f"      {label}: {value}" for label, value in self.figures]
        lines += [f"      failed: {failure}" for failure in self.failures]
        return "\n".join(lines)

    def markdown_rows(self) -> list[str]:
        verdict = "**PASS**" if self.passed else "**FAIL**: " + "; ".join(self.failures)
        figures = "<br>".join(f"{label}: {value}" for label, value in self.figures)
        return [f"| {self.name} | {verdict} | {figures} |"]


def results_markdown(checks: list[Check], context: dict[str, str], runs_note: str = "") -> str:
    lines = ["| check | verdict | figures |", "|---|---|---|"]
    for check in checks:
        lines += check.markdown_rows()
    head = [f"- **{label}**: {value}" for label, value in context.items()]
    return "\n".join([*head, "", *lines, *(["", runs_note] if runs_note else [])]) + "\n"


def replace_between_markers(text: str, section: str) -> str:
    """The text with only what lies between the markers replaced (markers appended when missing)."""
    if START not in text or END not in text or text.index(START) > text.index(END):
        return text.rstrip("\n") + f"\n\n{START}\n{section.strip()}\n{END}\n"
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    return f"{before}{START}\n{section.strip()}\n{END}{after}"


def update_benchmarks(path: Path, section: str) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    path.write_text(replace_between_markers(text, section))

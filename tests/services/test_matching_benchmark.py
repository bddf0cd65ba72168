"""The labelled benchmark: reproducible from its documented generator, and the default scorer clears the bar."""
import json
from datetime import date
from pathlib import Path

from app.services.matcher.evaluate import evaluate_file
from tests.bench.make_matching_benchmark import DEV, HELD_OUT, write

ON = date(2026, 12, 1)  # before every start date in the files


def test_the_shipped_files_are_exactly_what_the_seeded_generator_writes(tmp_path):
    for seed, shipped in (HELD_OUT, DEV):
        again = tmp_path / shipped.name
        write(seed, again)
        assert again.read_bytes() == Path(shipped).read_bytes()


def test_the_benchmark_holds_every_grade_spellings_and_near_misses():
    lines = [json.loads(line) for line in HELD_OUT[1].read_text(encoding="utf-8").splitlines()]
    candidates = [c for line in lines for c in line["candidates"]]
    assert {c["relevance"] for c in candidates} == {0, 1, 2, 3}
    assert any(c["persona"].startswith("near miss") for c in candidates)
    assert any(skill != skill.strip().lower() for c in candidates for skill in c["skills"])  # typed variants


def test_the_default_scorer_reaches_ndcg_at_10_of_0_85_on_the_held_out_file(db):
    result = evaluate_file(HELD_OUT[1], on=ON)
    assert result.openings == 24 and result.candidates == 768
    assert result.ndcg >= 0.85

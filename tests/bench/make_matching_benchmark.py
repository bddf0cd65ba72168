"""Generate the matcher's labelled benchmark: openings, candidates, graded relevance 0-3.

    .venv/bin/python -m tests.bench.make_matching_benchmark          # writes both files below

    tests/data/matching_benchmark.jsonl      seed 2026: the held-out file the NDCG@10 is reported on
    tests/data/matching_benchmark_dev.jsonl  seed 7: the file the default weights were tuned on

Method (seeded, so the files are reproducible byte for byte):

1. Openings come from twelve trades built on the shipped skills vocabulary (welder, caregiver,
   cook, room attendant, concrete worker, carpenter, fish processor, deckhand, greenhouse worker,
   electronics assembler, forklift operator, waiter), each posted twice (two countries, start
   dates, language requirements, age ranges): 24 openings, each with its own candidates.
2. Each opening gets 32 candidates drawn from personas (ideal, strong, partial, neighbouring trade,
   unrelated, keyword stuffer, near miss) that only steer the spread; the judgement comes from a
   written rubric applied to the candidate's TRUE profile, before any spelling noise (`judge`):
     3  every must-have and every important skill, and at least 2 years in the trade;
     2  every must-have skill, and half the important ones or 6 months in the trade or training in
        its sector;
     1  some of the asked skills (must-have, important or nice-to-have), or neighbouring skills of
        the trade only (another welding process, another care task);
     0  none of them, whatever else they have (including "keyword stuffers" with eight unrelated
        skills and years of unrelated work), or a legal gate fails: near misses are ideal profiles
        with one gate broken (a certificate expiring the day before the start, an unverified
        certificate, one year too old, under 18 on the start date, no consent, a language level
        short, already placed).
   What a judge does not weigh (education above the minimum, years of unrelated work, preferred
   countries and sectors) is drawn independently of the grade.
3. Skills are written as people type them: the canonical English term, an Indonesian or English
   alias from the vocabulary ("las listrik", "merawat lansia", "K3"), typing variants (case,
   doubled spaces, trailing dots: "Las  SMAW."), and in 5% of mentions a misspelling the
   vocabulary does not know ("pengelsan"): the judge still credits it, the matcher cannot, so it
   costs NDCG honestly.
"""
import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = ROOT / "app" / "data" / "reference" / "skills_vocabulary.csv"
DATA = ROOT / "tests" / "data"
HELD_OUT, DEV = (2026, DATA / "matching_benchmark.jsonl"), (7, DATA / "matching_benchmark_dev.jsonl")

# trade: sector, ISCO unit group, must, important, nice, neighbouring skills, schemes
TRADES = {
    "welder": ("manufacturing", "7212", ["welding", "smaw"], ["blueprint reading", "grinding"],
               ["workplace safety", "metal fabrication"], ["gmaw", "tig welding"], ["SKKNI-SMAW"]),
    "caregiver": ("care", "5322", ["elderly care", "personal hygiene assistance"], ["patient transfer", "first aid"],
                  ["meal preparation", "dementia care"], ["nursing", "childcare"], ["JP-SSW-CARE"]),
    "cook": ("food-service", "5120", ["cooking", "food safety"], ["food and beverage service"], ["teamwork"],
             ["barista", "bartending"], ["JP-SSW-FOOD-SERVICE"]),
    "room attendant": ("hospitality", "9112", ["housekeeping"], ["laundry", "cleaning"],
                       ["customer service", "front office"], ["room service"], ["JP-SSW-ACCOMMODATION"]),
    "concrete worker": ("construction", "7114", ["concrete work"], ["rebar fixing", "scaffolding"],
                        ["reading technical drawings"], ["bricklaying", "plastering"], ["SKK-KONSTRUKSI"]),
    "carpenter": ("construction", "7115", ["carpentry", "formwork"], ["reading technical drawings"],
                  ["workplace safety"], ["tiling", "painting"], ["SKKNI-TUKANG-KAYU"]),
    "fish processor": ("food-manufacturing", "7511", ["fish processing"], ["packing", "food safety"], ["teamwork"],
                       ["aquaculture", "fishing"], ["SKK-CPMI"]),
    "deckhand": ("fisheries", "8350", ["deck work", "sea survival"], ["net mending"], ["fishing"],
                 ["boat engine maintenance", "aquaculture"], ["BST-F"]),
    "greenhouse worker": ("agriculture", "6111", ["greenhouse work"], ["harvesting", "irrigation"],
                          ["tractor operation"], ["crop cultivation", "pruning"], ["JP-SSW-AGRICULTURE"]),
    "assembler": ("manufacturing", "8212", ["assembly line work"], ["electronics assembly", "quality inspection"],
                  ["machine maintenance"], ["cnc operation"], ["KR-EPS"]),
    "forklift operator": ("manufacturing", "8344", ["forklift operation"], ["packing", "workplace safety"],
                          ["driving"], ["tractor operation"], ["SKK-CPMI"]),
    "waiter": ("hospitality", "5131", ["food and beverage service"], ["table setting", "customer service"],
               ["guest relations", "barista"], ["bartending", "room service"], ["ASEAN-MRA-TP"]),
}
# Two postings of each trade: (country, language requirement, age range, months from 2027-01-01 to the start)
POSTINGS = [("JP", "JLPT:N4", (18, 35), 4), ("KR", "EPS-TOPIK:pass", (18, 39), 7)]
ALT_POSTINGS = {"TW": ("TW", "TOCFL:2", (20, 40), 5)}
LANGUAGE_LADDERS = {"JLPT": ["N5", "N4", "N3", "N2"], "EPS-TOPIK": ["pass"], "TOCFL": ["1", "2", "3", "4"]}
TYPOS = {"welding": "weldng", "smaw": "smwa", "elderly care": "perawatn lansia", "cooking": "memsak",
         "housekeeping": "housekeping", "concrete work": "pengecoran betn", "carpentry": "tukang kyu",
         "fish processing": "pengolahan ikn", "deck work": "pekerjaan dk", "greenhouse work": "rumah kca",
         "assembly line work": "perakitn", "forklift operation": "forkllift", "food and beverage service": "pramusji",
         "formwork": "bekistng", "sea survival": "bst kapal", "food safety": "keamanan pangn"}
PERSONAS = [("ideal", 4), ("strong", 6), ("partial", 6), ("neighbour", 2), ("unrelated", 5), ("stuffer", 2),
            ("near miss", 7)]
NEAR_MISSES = ("expired", "unverified", "too old", "too young", "no consent", "language", "placed")


def aliases() -> dict[str, list[str]]:
    with VOCABULARY.open(encoding="utf-8") as handle:
        return {row["skill"]: [row["label_id"], *[a for a in row["aliases"].split(";") if a]]
                for row in csv.DictReader(handle)}


def judge(skills: set[str], months: int, trained: bool, trade: tuple, broken: bool) -> int:
    """The rubric of the module docstring, on the candidate's true profile."""
    _sector, _isco, must, important, nice, near, _schemes = trade
    if broken:
        return 0
    if set(must) <= skills and set(important) <= skills and months >= 24:
        return 3
    if set(must) <= skills and (2 * len(skills & set(important)) >= len(important) or months >= 6 or trained):
        return 2
    return 1 if skills & set(must + important + nice + near) else 0


class Writer:
    """Everything random about one file, from one seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.aliases = aliases()

    def spell(self, term: str) -> str:
        roll = self.rng.random()
        if roll < 0.05 and term in TYPOS:
            return TYPOS[term]
        text = term if roll < 0.45 else self.rng.choice(self.aliases.get(term, [term]) or [term])
        if self.rng.random() < 0.2:
            text = self.rng.choice([text.upper(), text.title(), text.replace(" ", "  "), text + ".", " " + text])
        return text

    def opening(self, number: int, trade: str, posting) -> dict:
        sector, isco, must, important, nice, _near, schemes = TRADES[trade]
        country, language, (low, high), months = posting
        start = date(2027, 1, 1) + timedelta(days=30 * months + self.rng.randrange(20))
        return {"ref": f"BENCH-O-{number:03d}", "title": trade, "country": country, "sector": sector,
                "occupation": isco, "start_date": start.isoformat(), "min_age": low, "max_age": high,
                "language": language, "min_education": self.rng.choice(["SMP", "SMA"]), "schemes": schemes,
                "skills": {"must": must, "important": important, "nice": nice}}

    def candidate(self, opening: dict, trade: str, persona: str) -> tuple[dict, int, str]:
        sector, isco, must, important, nice, near, schemes = TRADES[trade]
        rng = self.rng
        others = [t for t in TRADES if t != trade]
        other_skills = sorted({s for t in others for s in TRADES[t][2] + TRADES[t][3]} - set(must + important + nice))
        start = date.fromisoformat(opening["start_date"])
        skills, months = self._skills(persona, must, important, nice, near, other_skills)
        trained = [sector] if persona in ("ideal", "strong") and rng.random() < 0.5 or rng.random() < 0.1 else []
        test, needs = opening["language"].split(":")
        ladder = LANGUAGE_LADDERS[test]
        level = ladder[min(len(ladder) - 1, ladder.index(needs) + rng.choice([0, 0, 1]))]
        age = rng.randint(opening["min_age"], opening["max_age"])
        candidate = {
            "birth_date": (start - timedelta(days=365 * age + rng.randrange(1, 300))).isoformat(),
            "education": rng.choice(["SMA", "SMK", "SMK", "D3", "S1"]),
            "experience_years": round(rng.uniform(0, 9), 1),
            "skills": [self.spell(s) for s in skills],
            "languages": [f"{test}:{level}"],
            "certifications": [{"scheme": s, "verified": True,
                                "expires_on": (start + timedelta(days=rng.randrange(200, 1500))).isoformat()}
                               for s in schemes],
            "experience": ([{"occupation": isco, "months": months}] if months else [])
            + ([{"occupation": TRADES[rng.choice(others)][1], "months": rng.randrange(6, 80)}]
               if rng.random() < 0.5 else []),
            "trained_sectors": trained,
            "preferred_countries": rng.sample(["JP", "KR", "TW"], rng.randint(0, 2)),
            "preferred_sectors": rng.sample([sector, TRADES[rng.choice(others)][0]], rng.randint(0, 2)),
            "consent": True, "placed": False,
        }
        note = persona
        if persona == "near miss":
            note = f"near miss: {NEAR_MISSES[rng.randrange(len(NEAR_MISSES))]}"
            self._break_one_gate(candidate, note, opening, start)
        grade = judge(set(skills), months, bool(trained), TRADES[trade], broken=persona == "near miss")
        return candidate, grade, note

    def _skills(self, persona, must, important, nice, near, other_skills) -> tuple[list[str], int]:
        """The candidate's true skills and months in the trade."""
        rng = self.rng
        some = lambda items, low=0: rng.sample(items, rng.randint(min(low, len(items)), len(items)))  # noqa: E731
        if persona in ("ideal", "near miss"):
            return must + important + some(nice), rng.randrange(24, 72)
        if persona == "strong":
            return must + some(important) + some(nice), rng.choice([0, rng.randrange(6, 30)])
        if persona == "partial":
            held = rng.sample(must, rng.randint(1, len(must) - 1)) if len(must) > 1 else []
            return held + some(important, 0 if held else 1) + some(nice), rng.choice([0, 0, rng.randrange(3, 30)])
        if persona == "neighbour":
            return near + rng.sample(other_skills, rng.randint(0, 2)), rng.randrange(0, 12)
        if persona == "stuffer":
            return rng.sample(other_skills, 8), 0
        return rng.sample(other_skills, rng.randint(1, 4)), 0

    def _break_one_gate(self, candidate: dict, note: str, opening: dict, start: date) -> None:
        rng = self.rng
        if note.endswith("expired"):
            candidate["certifications"][0]["expires_on"] = (start - timedelta(days=1)).isoformat()
        elif note.endswith("unverified"):
            candidate["certifications"][0]["verified"] = False
        elif note.endswith("too old"):
            candidate["birth_date"] = date(start.year - opening["max_age"] - 1, start.month, 1).isoformat()
        elif note.endswith("too young"):
            candidate["birth_date"] = (date(start.year - 17, start.month, 1) + timedelta(days=40)).isoformat()
        elif note.endswith("no consent"):
            candidate["consent"] = False
        elif note.endswith("language"):
            test, needs = opening["language"].split(":")
            ladder = LANGUAGE_LADDERS[test]
            below = ladder[:ladder.index(needs)]
            candidate["languages"] = [f"{test}:{rng.choice(below)}"] if below else []
        else:
            candidate["placed"] = True

    def lines(self) -> list[dict]:
        lines, number = [], 0
        for trade in TRADES:
            postings = list(POSTINGS)
            if trade in ("caregiver", "waiter", "deckhand"):
                postings[1] = ALT_POSTINGS["TW"]
            for posting in postings:
                number += 1
                opening = self.opening(number, trade, posting)
                candidates = []
                for persona, count in PERSONAS:
                    for _ in range(count):
                        candidate, grade, note = self.candidate(opening, trade, persona)
                        candidates.append({"ref": f"BENCH-C-{number:03d}-{len(candidates) + 1:02d}",
                                           "relevance": grade, "persona": note, **candidate})
                self.rng.shuffle(candidates)
                lines.append({"opening": opening, "candidates": candidates})
        return lines


def write(seed: int, path: Path) -> int:
    lines = Writer(seed).lines()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return sum(len(line["candidates"]) for line in lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, help="one file with this seed (default: both shipped files)")
    parser.add_argument("--out", type=Path, help="where to write the one file")
    args = parser.parse_args(argv)
    targets = [(args.seed, args.out or DATA / f"matching_benchmark_{args.seed}.jsonl")] if args.seed else [HELD_OUT,
                                                                                                            DEV]
    for seed, path in targets:
        print(f"{path.relative_to(ROOT)}: {write(seed, path)} candidates (seed {seed})")


if __name__ == "__main__":
    main()

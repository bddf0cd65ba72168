"""`make bench`: every benchmark of the project, one after the other, with its default settings.

    .venv/bin/python -m tests.bench

Each module prints its own figures (see its docstring for what and how); BENCHMARKS.md holds the
figures of the last full run, with the machine they ran on.
"""
import importlib
import importlib.util

MODULES = ("tests.bench.matcher", "tests.bench.candidates_page", "tests.bench.seeker_import")


def main() -> None:
    for name in MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        print(f"\n## {name}\n", flush=True)
        importlib.import_module(name).main([])


if __name__ == "__main__":
    main()

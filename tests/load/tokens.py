"""API tokens for the load test's Immigration offices, made by the real `flask api-clients create` command.

    python -m tests.load.tokens COUNT > tokens      (the app's configuration from the environment)

Runs the command COUNT times in one process (one app start instead of COUNT: each start loads the
whole stack), through click's runner, and writes the token each prints alone on its last line.
"""
import sys

from app import create_app

SCOPES = "lookup,departures,openings"


def main(argv: list[str] | None = None) -> None:
    count = int((argv if argv is not None else sys.argv[1:])[0])
    runner = create_app().test_cli_runner()
    for n in range(1, count + 1):
        result = runner.invoke(args=["api-clients", "create", "--name", f"Kantor Imigrasi (load test) {n}",
                                     "--scopes", SCOPES])
        if result.exit_code != 0:
            sys.exit(f"flask api-clients create failed: {result.output.strip()}")
        print(result.output.strip().splitlines()[-1])


if __name__ == "__main__":
    main()

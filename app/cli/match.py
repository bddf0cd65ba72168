"""`flask match` commands: rank candidates for an opening, openings for a seeker, evaluate a scorer,
train a scorer from recorded decisions.

Seekers are named by the office's ref, or `seeker:<id>` when they registered on the web (no ref).
"""
from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup

from app.cli.common import EXIT_REFUSED, command_actor, emit_json, refuse, say
from app.domain.matching.learning import MIN_OUTCOMES
from app.domain.matching.scoring import DEFAULT_WEIGHTS
from app.services.matcher.evaluate import LabelledFileError, evaluate_file
from app.services.matcher.facts import find_opening, find_seeker
from app.services.matcher.rank import audit_matches, audit_ranking, rank_candidates, rank_openings
from app.services.matcher.serialise import matches_json, ranking_json
from app.services.matcher.training import NotEnoughOutcomes, NothingLearned, train

group = AppGroup("match", help="The matcher: rankings with explanations, their evaluation, learning from decisions.")


def _on(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as error:
        raise click.UsageError(f"--on: {error}") from error


@group.command("rank")
@click.argument("opening")
@click.option("--top", "top_k", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many eligible candidates to list, best first (no upper limit).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout, nothing else.")
@click.option("--ineligible", is_flag=True, help="Also list every ineligible candidate with the gates they fail.")
@click.option("--on", "on", help="Judge as of this date (YYYY-MM-DD); today by default.")
@click.option("--by", "by_email", help="The coordinator asking, for the audit log.")
def rank_command(opening: str, top_k: int, as_json: bool, ineligible: bool, on: str | None, by_email: str | None):
    """Rank the eligible candidates for OPENING (its ref or verification code)."""
    found = find_opening(opening)
    if found is None:
        refuse(f"no opening with ref or code {opening}")
    actor = command_actor(by_email)
    ranking = rank_candidates(found, top_k, with_ineligible=ineligible, on=_on(on))
    audit_ranking(actor, ranking)
    if ranking.opening_gates:
        say("nobody is eligible: the opening fails " + ", ".join(f.code for f in ranking.opening_gates))
    if as_json:
        emit_json(ranking_json(ranking))
        return
    say(f"{ranking.eligible} eligible; model {ranking.model}")
    for candidate in ranking.candidates:
        factors = ", ".join(f"{f.code} {f.contribution:+.3f}" for f in candidate.explanation if f.contribution)
        click.echo(f"{candidate.rank:>4}  {candidate.ref:<24} {candidate.score:.4f}  {factors}")
    for refused in ranking.ineligible or []:
        click.echo(f"   -  {refused.ref:<24} {' '.join(refused.gates)}")


@group.command("for-seeker")
@click.argument("ref")
@click.option("--top", "top_k", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many eligible openings to list, best first (no upper limit).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout, nothing else.")
@click.option("--ineligible", is_flag=True, help="Also list the approved openings they are not eligible for, why.")
@click.option("--on", "on", help="Judge as of this date (YYYY-MM-DD); today by default.")
@click.option("--by", "by_email", help="The coordinator asking, for the audit log.")
def for_seeker_command(ref: str, top_k: int, as_json: bool, ineligible: bool, on: str | None, by_email: str | None):
    """Rank the approved openings for the seeker REF (the office's ref, or seeker:<id>)."""
    seeker = find_seeker(ref)
    if seeker is None:
        refuse(f"no seeker with ref {ref}")
    actor = command_actor(by_email)
    matches = rank_openings(seeker, top_k, on=_on(on))
    audit_matches(actor, matches)
    if as_json:
        emit_json(matches_json(matches, with_ineligible=ineligible))
        return
    for opening in matches.openings:
        click.echo(f"{opening.rank:>4}  {opening.code or opening.ref or opening.opening_id!s:<16} {opening.score:.4f}")
    if ineligible:
        for blocked in matches.ineligible:
            click.echo(f"   -  {blocked.code or blocked.ref or blocked.opening_id!s:<16} "
                       + " ".join(f.code for f in blocked.failures))


@group.command("evaluate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout, nothing else.")
@click.option("--on", "on", help="Judge as of this date (YYYY-MM-DD); today by default.")
def evaluate_command(file: Path, as_json: bool, on: str | None):
    """Score the serving model on a labelled FILE (JSON Lines: openings, candidates, relevance 0-3): NDCG@10."""
    try:
        result = evaluate_file(file, on=_on(on))
    except LabelledFileError as error:
        say(f"{file.name}: {error}")
        raise SystemExit(EXIT_REFUSED) from error
    if as_json:
        emit_json({"model": result.model, "ndcg_at_10": round(result.ndcg, 4), "openings": result.openings,
                   "skipped": result.skipped, "candidates": result.candidates})
        return
    click.echo(f"NDCG@10 {result.ndcg:.4f}  model {result.model}, {result.openings} openings, "
               f"{result.candidates} judged candidates" + (f", {result.skipped} without a relevant one (skipped)"
                                                           if result.skipped else ""))


@group.command("train")
@click.option("--min-outcomes", type=click.IntRange(min=1), default=MIN_OUTCOMES, show_default=True,
              help="Refuse with fewer recorded decisions (positive or negative) than this.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the choice of held-out openings.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout, nothing else.")
@click.option("--by", "by_email", help="The coordinator asking, for the audit log.")
def train_command(min_outcomes: int, seed: int, as_json: bool, by_email: str | None):
    """Learn a scorer from recorded decisions, judge it on held-out openings, save it as "trained".

    It serves only after a coordinator promotes it on the ranking model page.
    """
    try:
        trained = train(command_actor(by_email), min_outcomes=min_outcomes, seed=seed)
    except (NotEnoughOutcomes, NothingLearned) as refused:
        refuse(f"no model trained: {refused}")
    model, metrics = trained.model, trained.model.metrics
    if as_json:
        emit_json({"version": model.version, "status": model.status, "metrics": metrics,
                   "weights": {f["code"]: f["weight"] for f in model.features}})
        return
    click.echo(f"{model.version}: trained on {metrics['train_openings']} openings, judged on {metrics['held_out']} "
               f"held-out openings ({metrics['pairs']} graded applications on {metrics['openings']} openings)")
    click.echo(f"NDCG@10 on the held-out openings: {model.version} {trained.ndcg_model:.4f}, "
               f"serving model {trained.serving} {trained.ndcg_serving:.4f}")
    for feature in model.features:
        click.echo(f"  {feature['code']:<20} {feature['weight']:.4f}  (default {DEFAULT_WEIGHTS[feature['code']]:.2f})")
    say(f"saved as {model.path}; status trained: promote it on the ranking model page to serve")

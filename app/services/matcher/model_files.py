"""Learned models on disk: one joblib file per version, read back only when its content hash matches.

Files live in the instance folder's `models/` (RANKING_MODELS_FOLDER overrides it). The database
row holds the file's name and its SHA-256; a file that differs from what was trained, by accident
or by tampering, is refused before joblib reads it (joblib unpickles, so an unchecked file could
run code). With several machines the folder must be shared storage, like the uploads folder.

A file holds a dict: format, version, features (codes in order), weights, the fitted estimator,
the method and seed, and the held-out openings (feature values, applicability and grades, no seeker
ids) so that a promotion can judge the model again against whatever serves then.
"""
import hashlib
import io
import os
import tempfile
from pathlib import Path

import joblib
import numpy as np
from flask import current_app

from app.domain.matching.features import CODES
from app.domain.matching.learning import OpeningOutcomes
from app.domain.matching.scoring import LinearScorer

FORMAT = 1


class ModelFileError(Exception):
    """A model file that is missing, altered or not a model of this app; the message says which."""


def models_folder() -> Path:
    folder = current_app.config.get("RANKING_MODELS_FOLDER") or os.path.join(current_app.instance_path, "models")
    return Path(folder)


def save_artefact(version: str, artefact: dict) -> tuple[str, str]:
    """Write the file atomically (a temporary file, then a rename); returns its name and SHA-256."""
    folder = models_folder()
    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    joblib.dump({"format": FORMAT, "version": version, **artefact}, buffer)
    content = buffer.getvalue()
    name = f"{version}.joblib"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{version}.", suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.replace(temporary, folder / name)
    return name, hashlib.sha256(content).hexdigest()


def load_artefact(name: str | None, sha256: str | None) -> dict:
    """The file's content, after checking its hash; raises ModelFileError."""
    if not name or not sha256 or Path(name).name != name:
        raise ModelFileError(f"no model file recorded ({name!r})")
    path = models_folder() / name
    try:
        content = path.read_bytes()
    except OSError as error:
        raise ModelFileError(f"{name}: cannot be read ({error.strerror})") from error
    if hashlib.sha256(content).hexdigest() != sha256:
        raise ModelFileError(f"{name}: its content differs from the model that was trained")
    artefact = joblib.load(io.BytesIO(content))
    if not isinstance(artefact, dict) or artefact.get("format") != FORMAT:
        raise ModelFileError(f"{name}: not a ranking model of format {FORMAT}")
    if tuple(artefact.get("features", ())) != CODES:
        raise ModelFileError(f"{name}: made for other features than this version of the matcher computes")
    return artefact


def scorer_of(artefact: dict) -> LinearScorer:
    weights = [float(w) for w in artefact["weights"]]
    if any(not np.isfinite(w) or w < 0 for w in weights):
        raise ModelFileError(f"{artefact['version']}: weights must be finite and not negative")
    return LinearScorer(artefact["version"], tuple(weights))


def held_out_of(artefact: dict) -> list[OpeningOutcomes]:
    return [OpeningOutcomes(g["opening_id"], tuple(g["applicable"]), np.asarray(g["values"], dtype=np.float64),
                            np.asarray(g["grades"], dtype=np.int64)) for g in artefact["held_out"]]


def held_out_records(groups: list[OpeningOutcomes]) -> list[dict]:
    return [{"opening_id": g.opening_id, "applicable": list(g.applicable), "values": g.values,
             "grades": g.grades} for g in groups]

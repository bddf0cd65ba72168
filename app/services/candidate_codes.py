"""Opaque codes that name a ranked candidate to an employer, one code per opening.

An employer must be able to point at an anonymous candidate (to shortlist them) without learning
anything that follows the person around: not the seeker's id, not the office's ref. The code is
the pair (opening id, seeker id) encrypted as one AES block under a key derived from DATA_KEY, so
it looks random, differs for the same person on two openings, and only the server can read it.
Every app machine shares DATA_KEY, so every machine reads every code.
"""
import base64
import binascii
import struct
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

_PAIR = struct.Struct(">QQ")  # opening id, seeker id: exactly one 16-byte AES block
CODE_LENGTH = 26  # base32 of 16 bytes, without padding


@lru_cache(maxsize=4)
def _cipher(data_key: str) -> Cipher:
    key = HKDF(algorithm=hashes.SHA256(), length=16, salt=None,
               info=b"jembatan-candidate-code").derive(data_key.encode())
    # One block, never more: ECB on a single block is the block cipher itself, a keyed permutation.
    return Cipher(algorithms.AES(key), modes.ECB())  # noqa: S305  # nosec B305


def candidate_code(opening_id: int, seeker_id: int) -> str:
    """The code that names this seeker on this opening's pages."""
    encryptor = _cipher(current_app.config["DATA_KEY"]).encryptor()
    block = encryptor.update(_PAIR.pack(opening_id, seeker_id)) + encryptor.finalize()
    return base64.b32encode(block).decode().rstrip("=").lower()


def seeker_of(opening_id: int, code: str) -> int | None:
    """The seeker a code names, or None when it is malformed or was made for another opening."""
    if len(code or "") != CODE_LENGTH:
        return None
    try:
        block = base64.b32decode(code.upper() + "=" * 6)
    except (binascii.Error, ValueError):
        return None
    decryptor = _cipher(current_app.config["DATA_KEY"]).decryptor()
    opening, seeker = _PAIR.unpack(decryptor.update(block) + decryptor.finalize())
    return seeker if opening == opening_id else None

"""Encryption at rest and keyed hashes for NIK and passport numbers.

DATA_KEY (a Fernet key) encrypts; a separate key derived from it by HKDF makes the keyed
hashes used for look-ups and uniqueness, so neither key serves both purposes.
"""
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app


def _fernet() -> Fernet:
    return _fernet_for(current_app.config["DATA_KEY"])


@lru_cache(maxsize=8)
def _fernet_for(data_key: str) -> Fernet:
    return Fernet(data_key.encode())


def _hash_key(purpose: bytes) -> bytes:
    return _derived_key(current_app.config["DATA_KEY"], purpose)


@lru_cache(maxsize=32)
def _derived_key(data_key: str, purpose: bytes) -> bytes:
    # Cached per (key, purpose): deriving costs more than the HMAC it feeds, and imports hash 100,000s.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"jembatan-hash:" + purpose).derive(
        data_key.encode())


def encrypt(value: str) -> bytes:
    return _fernet().encrypt(value.encode())


def decrypt(token: bytes) -> str:
    return _fernet().decrypt(bytes(token)).decode()


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256 under a key derived for one purpose ("nik", "passport", "lookup")."""
    return hmac.new(_hash_key(purpose.encode()), value.encode(), hashlib.sha256).hexdigest()


def exchange_hash(nik: str, key: str) -> str:
    """The NIK hash agreed with Immigration: HMAC-SHA256 under NIK_EXCHANGE_KEY, hex."""
    return hmac.new(key.encode(), nik.encode(), hashlib.sha256).hexdigest()


def mask(value: str, keep_start: int = 4, keep_end: int = 4) -> str:
    """`1971********0003`: enough to recognise, not enough to use."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]

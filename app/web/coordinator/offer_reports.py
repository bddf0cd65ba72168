"""Coordinator pages: reported offers from Cek Tawaran, by kelurahan, and their handling."""
from app.web.coordinator import bp  # noqa: F401

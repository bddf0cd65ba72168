"""Cek Tawaran: anyone checks a job offer (green / amber / red, with reasons) and may report it."""
from app.web.public import bp  # noqa: F401

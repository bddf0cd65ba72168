"""Entry point for gunicorn and `flask`: development unless APP_ENV=production."""
from app import create_app

app = create_app()

"""Public pages: no login needed."""
from flask import render_template

from app.web.public import bp


@bp.get("/")
def home():
    return render_template("public/home.html")

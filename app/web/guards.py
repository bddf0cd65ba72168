"""Access checks: one guard per audience blueprint, ownership checks as model predicates."""
from flask import abort, redirect, request, url_for
from flask_login import current_user


def require_role(*roles: str):
    """For a blueprint's before_request: anonymous users go to login, other roles get 403."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if current_user.role not in roles:
        abort(403)
    return None


def home_for(user) -> str:
    """Where a user lands after login: their audience's dashboard."""
    return url_for({
        "seeker": "seeker.dashboard",
        "employer": "employer.dashboard",
        "coordinator": "coordinator.dashboard",
        "officer": "officer.dashboard",
        "admin": "admin.dashboard",
    }[user.role])

"""The access matrix, split by audience: each `rows_*.py` module here holds the rows for its routes.

A rows module defines `ROWS = {endpoint: (method, url, {role: status})}` and may define
`build(world)` to create the objects its URLs name; URLs are formatted with `world.ids`.
The roles are: anonymous; seeker (seeker A, who owns the objects in `world`); seeker_b (another
seeker); employer (of partner city X, owning X's objects); employer_y (of another city);
coordinator; officer; admin.
"""
import importlib
import pkgutil

ROLES = ("anonymous", "seeker", "seeker_b", "employer", "employer_y", "coordinator", "officer", "admin")
LOGIN = 302  # anonymous users are sent to the login page
SEEKERS = ("seeker", "seeker_b")
EMPLOYERS = ("employer", "employer_y")


def everyone(status):
    return dict.fromkeys(ROLES, status)


def logged_in(status):
    return {**dict.fromkeys(ROLES, status), "anonymous": LOGIN}


def only(*roles, status=200):
    """An audience's page: its roles get `status`, other roles 403, anonymous the login page."""
    audience = {r for role in roles for r in (SEEKERS if role == "seeker" else EMPLOYERS if role == "employer"
                                              else (role,))}
    return {**dict.fromkeys(ROLES, 403), "anonymous": LOGIN, **dict.fromkeys(audience, status)}


def owned_by(owner, *staff, status=200):
    """An object's page: its owner ("seeker" A or "employer" of city X) and the named staff roles get
    `status`; the other person of the same audience gets 404 (we do not even say it exists); other
    roles 403; anonymous the login page."""
    other = {"seeker": "seeker_b", "employer": "employer_y"}[owner]
    return {**dict.fromkeys(ROLES, 403), "anonymous": LOGIN, **dict.fromkeys((owner, *staff), status),
            other: 404}


def all_rows() -> dict:
    rows = {}
    for module in _modules():
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"{module.__name__} repeats rows: {overlap}"
        rows.update(module.ROWS)
    return rows


def builders():
    return [module.build for module in _modules() if hasattr(module, "build")]


def _modules():
    return [importlib.import_module(f"{__name__}.{info.name}")
            for info in pkgutil.iter_modules(__path__) if info.name.startswith("rows_")]

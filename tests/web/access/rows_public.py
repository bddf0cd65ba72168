"""Public pages, sign-up and login, the API's open endpoints."""
from tests.web.access import everyone, logged_in

ROWS = {
    "static": ("GET", "/static/css/app.css", everyone(200)),
    "public.home": ("GET", "/", everyone(200)),
    "public.set_language": ("POST", "/language", everyone(400)),  # no locale given
    "auth.login": ("GET", "/auth/login", everyone(200)),
    "auth.logout": ("POST", "/auth/logout", everyone(302)),
    "auth.register_seeker": ("GET", "/auth/register", everyone(200)),
    "auth.register_employer": ("GET", "/auth/register/employer", everyone(200)),
    "auth.change_password": ("GET", "/auth/password", logged_in(200)),
    "auth.notifications": ("GET", "/auth/notifications", logged_in(200)),
    "auth.notifications_read": ("POST", "/auth/notifications/read", logged_in(302)),
    "auth.request_reset": ("GET", "/auth/reset", everyone(200)),
    "auth.reset_password": ("GET", "/auth/reset/confirm?token=not-a-token", everyone(302)),
}

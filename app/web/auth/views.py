"""Sign-up, login, logout, password change and reset."""

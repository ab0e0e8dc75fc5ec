"""`auditor serve`: a local web app to audit clients' sites round after round.

store.py keeps clients and audits in SQLite, runner.py runs audits in the background,
app.py serves the pages (Starlette, Jinja2 templates), guard.py checks the token, the host and
the CSRF token of every request, server.py starts it all (and `--export`).
"""

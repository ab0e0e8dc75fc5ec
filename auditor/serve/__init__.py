"""`auditor serve`: a local web app to audit clients' sites round after round.

store.py keeps clients and rounds in SQLite, runner.py runs rounds in the background, app.py
serves the pages (Starlette; Jinja2 templates in templates/, words.yml in en/nl/de, the
progress script and CSS in static/), chart.py draws the score trend, guard.py checks the host,
the token and the CSRF token of requests, server.py starts it all (and `--export`).
"""

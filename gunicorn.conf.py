"""gunicorn settings for victimcare: `gunicorn -c gunicorn.conf.py victimcare.wsgi`.

gunicorn names itself in a `Server: gunicorn` header on every response and has no setting to
stop it. Telling an attacker which server (and so which known flaws) to try is needless, so the
header is dropped from the response gunicorn writes; everything else it sends is unchanged.
"""

from __future__ import annotations

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self: wsgi.Response) -> list[str]:
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server  # type: ignore[method-assign]

# Headers from the client are limited as the defaults are; the access log goes to stdout.
accesslog = "-"

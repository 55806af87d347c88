"""The login cookie: an HTTP route that sets it HttpOnly, so no script on the page can read the session token.

A Streamlit script talks to the browser over a WebSocket and cannot set a cookie itself; a cookie written by
JavaScript is readable by JavaScript. So after a password login the script hands the page a *ticket*, a random
one-time value valid for a minute, and the page posts it to this route, whose answer sets the cookie
``proportion_session`` with HttpOnly, SameSite=Strict, Path=/, an 8-hour lifetime and, over https, Secure. The
ticket is consumed on first use; the token itself never reaches the page. Logging out calls the same route
with DELETE to remove the cookie (the session has already ended on the server, so a kept copy opens nothing).

The routes are served when the app runs through ``proportion_server.py`` (what ``proportion serve`` runs);
:data:`served` tells the login code whether they are, so a bare ``streamlit run streamlit_app.py`` keeps the
login for the open tab only instead of pretending.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from typing import TYPE_CHECKING

from audit.accounts import SESSION_MAX

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

COOKIE = "proportion_session"
PATH = "/_proportion/session"
TICKET_SECONDS = 60.0

_tickets: dict[str, tuple[str, float]] = {}  # ticket -> (session token, expiry on the monotonic clock)
_lock = threading.Lock()
served = False  # set when the server was built with these routes


def route_path(base_url: str = "") -> str:
    """Return the route's path under Streamlit's ``server.baseUrlPath``."""
    base = base_url.strip("/")
    return f"/{base}{PATH}" if base else PATH


def issue_ticket(token: str, *, now: float | None = None) -> str:
    """Return a one-time ticket that the page exchanges for the cookie holding ``token``."""
    now = time.monotonic() if now is None else now
    ticket = secrets.token_urlsafe(32)
    with _lock:
        for stale in [t for t, (_, expiry) in _tickets.items() if expiry <= now]:
            del _tickets[stale]
        _tickets[ticket] = (token, now + TICKET_SECONDS)
    return ticket


def redeem_ticket(ticket: str, *, now: float | None = None) -> str | None:
    """Return the session token of a fresh ticket and forget the ticket; None when unknown, used or expired."""
    now = time.monotonic() if now is None else now
    with _lock:
        found = _tickets.pop(ticket, None)
    if found is None or found[1] <= now:
        return None
    return found[0]


def _same_origin(request: Request) -> bool:
    """True when the request comes from a page of this server (browsers send Origin on every POST and DELETE)."""
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    return origin is not None and host is not None and origin.split("://", 1)[-1] == host


async def _session(request: Request) -> Response:
    from starlette.responses import Response

    if not _same_origin(request):
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if request.method == "DELETE":
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response
    try:
        ticket = json.loads(await request.body()).get("ticket", "")
    except (ValueError, AttributeError):
        return Response(status_code=400)
    token = redeem_ticket(ticket) if isinstance(ticket, str) else None
    if token is None:
        return Response(status_code=400)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(SESSION_MAX.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


def session_routes(base_url: str = "") -> list[BaseRoute]:
    """Return the route that sets (POST a ticket) and removes (DELETE) the login cookie, and mark it served."""
    from starlette.routing import Route

    global served
    served = True
    return [Route(route_path(base_url), _session, methods=["POST", "DELETE"])]

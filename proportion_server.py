"""The web server `proportion serve` runs: the Streamlit app plus the route that sets the login cookie HttpOnly.

``streamlit run proportion_server.py`` serves ``streamlit_app.py`` exactly as ``streamlit run streamlit_app.py``
does, and adds the one HTTP route a script cannot provide (see ``app_pages/_session_routes.py``).
"""

from __future__ import annotations

import streamlit as st
from streamlit import config

from app_pages._session_routes import session_routes

app = st.App("streamlit_app.py", routes=session_routes(config.get_option("server.baseUrlPath") or ""))

"""The team server: one store for a training team's sessions (SQLite or PostgreSQL, through
Django), a JSON API that workstations sync to, and server-rendered pages for trainers.

Sits above ``session/`` and ``review/``: it reads sessions through their public loaders and
nothing below imports it. Django is imported only inside this package's server-side modules;
``client.py`` (``holdline sync``) uses the standard library alone.
"""

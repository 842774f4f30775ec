"""Holdline: an offline, speech-driven role-play simulator for customer-facing staff."""

__version__ = "0.1.0"

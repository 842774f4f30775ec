"""Scenario format: typed model, safe YAML loading with file:line errors, and graph lint."""

"""Data sources: HTTP replies in the real public-API formats -> frozen domain records.

Pure Python: this package imports neither Qt nor SQLite nor the application.
"""

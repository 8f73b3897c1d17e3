"""The search API (FastAPI): search, fiches, documents, organisations, export and admin endpoints."""

"""The knowledge base core: domain models, settings, store, analysis and search."""

__version__ = "0.1.0"

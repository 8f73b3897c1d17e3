"""Ingestion: turn uploaded or seed files into parsed, indexable documents."""

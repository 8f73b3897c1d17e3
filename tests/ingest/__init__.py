"""Tests of ingestion: loading, repair, structure and the parse worker."""

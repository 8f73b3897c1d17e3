"""Tests of the `kb` command line."""

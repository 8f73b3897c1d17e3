"""The knowledge base core: domain models, settings, store, analysis and search."""

__version__ = "0.1.0"

import os

# No network at run time: the hub is unreachable (a lookup retries for ~70 s) and
# Haystack's telemetry would try to reach its collector on every pipeline.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

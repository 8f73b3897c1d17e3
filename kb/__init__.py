"""The knowledge base core: domain models, settings, store, analysis and search."""

__version__ = "0.1.0"

import os

# No network at run time: the hub is unreachable (a lookup retries for ~70 s) and
# Haystack's telemetry would try to reach its collector on every pipeline.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
# The e5 engine's OpenMP threads spin at each barrier by default; when requests share the two
# cores, the spinning makes the slowest queries several times slower (measured by kb bench).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

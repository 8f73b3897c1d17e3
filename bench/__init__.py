"""`kb bench`: speed, cost and quality of the knowledge base, measured on this machine in one run.

Modules:

- `bench.run`: the command (orchestrates the steps, writes JSON, Markdown and plots);
- `bench.system`: one measured system in its own process (`python -m bench.system`), so
  peak RSS numbers do not pollute each other and the embedded store folder is free;
- `bench.naive`: the Haystack baselines (BM25, dense e5, their RRF hybrid);
- `bench.http_load`: `kb serve` in a subprocess under 1, 4 and 16 concurrent clients;
- `bench.synth`: synthetic ×N corpora made of perturbed copies of the seed corpus;
- `bench.report`: the Markdown tables, the targets check and the plots;
- `bench.common`: percentiles, memory, machine description, subprocess environment.
"""

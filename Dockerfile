# Custom Dataflow worker image: Beam's Python 3.11 SDK image with sft-cleaner
# (its lexicons and fastText models are package data) baked in, and optionally
# the Detoxify extra and weights from a local folder.  Build the wheel first:
#
#   pip wheel --no-deps -w dist .     # or SFT_CLEANER_MYPYC=1 pip wheel ... (README, "The compiled build")
#   docker build -t REGION-docker.pkg.dev/PROJECT/REPO/sft-cleaner:0.1.0 .
#   docker build --build-arg WITH_DETOXIFY=1 -t ...:0.1.0-detoxify .   # weights in docker/detoxify/
#
# then run the job with --sdk_container_image pointing at the pushed image.
ARG BEAM_VERSION=2.77.0
FROM apache/beam_python3.11_sdk:${BEAM_VERSION}

ARG WITH_DETOXIFY=0
COPY dist/ /tmp/dist/
# DL3013 wants pinned versions: the wheel is our own, built from this checkout.
# hadolint ignore=DL3013
RUN set -eu; \
    wheel="$(ls /tmp/dist/sft_cleaner-*.whl)"; \
    if [ "${WITH_DETOXIFY}" = "1" ]; then spec="${wheel}[detoxify]"; else spec="${wheel}"; fi; \
    pip install --no-cache-dir "${spec}"; \
    rm -rf /tmp/dist

# Optional Detoxify checkpoint folder (empty by default); point the config at
# /opt/sft-cleaner/detoxify to use it.
COPY docker/detoxify/ /opt/sft-cleaner/detoxify/

# The SDK harness is the image's entrypoint; nothing else runs here.
ENV PYTHONDONTWRITEBYTECODE=1

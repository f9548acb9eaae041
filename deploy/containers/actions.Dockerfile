# The action server (rasa_sdk 3.6.2) with actions/ and programme_kb/. Base:
# python:3.10-slim, not rasa/rasa-sdk:3.6.2: the actions import programme_kb, whose
# dependencies (spaCy for the lemmas, PyYAML) are pinned with Rasa's in
# requirements.txt, so one locked set serves both images and the tests.
#   docker build -f deploy/containers/actions.Dockerfile -t interreg-actions .
FROM python:3.10.16-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/app/var \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MALLOC_ARENA_MAX=2 \
    ACTIONS_PORT=5055 \
    SANIC_HOST=127.0.0.1

RUN groupadd --system --gid 10001 assistant \
 && useradd --system --uid 10001 --gid assistant --home-dir /app --shell /usr/sbin/nologin assistant

WORKDIR /app
COPY --chown=root:root requirements.txt constraints.txt ./
RUN pip install --requirement requirements.txt --constraint constraints.txt

COPY --chown=root:root programme_kb/ programme_kb/
COPY --chown=root:root actions/ actions/
COPY --chown=root:root rasa_sdk_plugins/ rasa_sdk_plugins/
COPY --chown=root:root bot/ bot/
RUN mkdir -p /app/var && chown -R assistant:assistant /app/var /app/programme_kb/data

USER assistant
EXPOSE 5055
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('ACTIONS_PORT', '5055'), timeout=4)"]
CMD ["sh", "-c", "exec rasa run actions --actions actions --port \"$ACTIONS_PORT\""]

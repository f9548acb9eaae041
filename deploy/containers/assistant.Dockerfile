# The assistant: Rasa Open Source 3.6.21 with our plug-ins (bot/), the trained model
# baked in. Base: python:3.10-slim, not rasa/rasa:3.6.21, so the image runs exactly the
# dependency set the tests run (requirements.txt under constraints.txt, spaCy 3.4.4 and
# its models included) instead of Rasa's own Poetry environment plus ours on top.
# Build from the repository root after `make train`:
#   docker build -f deploy/containers/assistant.Dockerfile -t interreg-assistant .
FROM python:3.10.16-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/app/var \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    MALLOC_ARENA_MAX=2 \
    RASA_PORT=5005

RUN groupadd --system --gid 10001 assistant \
 && useradd --system --uid 10001 --gid assistant --home-dir /app --shell /usr/sbin/nologin assistant

WORKDIR /app
COPY --chown=root:root requirements.txt constraints.txt ./
RUN pip install --requirement requirements.txt --constraint constraints.txt

COPY --chown=root:root bot/ bot/
COPY --chown=root:root programme_kb/ programme_kb/
COPY --chown=root:root actions/ actions/
COPY --chown=root:root deploy/ deploy/
COPY --chown=root:root credentials.yml endpoints.yml config.yml domain.yml ./
COPY --chown=root:root models/assistant.tar.gz models/assistant.tar.gz
# The knowledge base is a volume in compose.yaml (the secretariat's edits persist);
# var/ holds the unanswered-questions log and nginx's runtime files.
RUN mkdir -p /app/var/deploy/logs \
 && chown -R assistant:assistant /app/var /app/programme_kb/data

USER assistant
EXPOSE 5005
# CORS_ORIGINS (comma or space separated) becomes --cors, as in deploy/run.py.
HEALTHCHECK --interval=30s --timeout=10s --start-period=600s --retries=4 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/' % os.environ.get('RASA_PORT', '5005'), timeout=8)"]
CMD ["sh", "-c", "exec python -m bot.runtime.rasa_main run --model models/assistant.tar.gz --endpoints deploy/endpoints.yml --credentials credentials.yml --interface 127.0.0.1 --port \"$RASA_PORT\" ${CORS_ORIGINS:+--cors $(echo \"$CORS_ORIGINS\" | tr , \" \")}"]

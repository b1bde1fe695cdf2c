# rumour-monitor as a container: the daemon, its SQLite database and status log in /data,
# its configuration mounted at /config.
#   docker build -t rumour-monitor .
#   docker run -d --name rumour-monitor -v "$PWD/config:/config" -v rumour-data:/data rumour-monitor
# tests/test_dockerfile.py checks this file and runs its install step on the host.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The package, installed from the repository (not editable: the source is removed afterwards).
COPY pyproject.toml README.md /src/
COPY monitor /src/monitor
RUN pip install /src && rm -rf /src

# An unprivileged user that owns only the data folder.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin monitor \
    && mkdir -p /data /config \
    && chown monitor:monitor /data

# A working default; mount your own folder at /config to replace it (a folder rather than a single
# file, so edits made on the host with an atomic rename reach the running daemon).
COPY config/docker.toml /config/monitor.toml
ENV RUMOUR_MONITOR_CONFIG=/config/monitor.toml
# The English model's rewritten graph (judge/english_rewrite.py) is kept with the data, so a
# restarted container loads it instead of writing it again (the user has no home to cache in).
ENV XDG_CACHE_HOME=/data/.cache

VOLUME ["/data"]
WORKDIR /data
USER monitor

# Exits non-zero unless this container's daemon beats and polls (also right after a clean stop).
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 \
    CMD ["rumour-monitor", "health"]

# SIGTERM (docker stop) stops the daemon cleanly within its grace period (20 s by default;
# docker stop waits 10 s unless given --time, so use `docker stop --time 30`).
STOPSIGNAL SIGTERM
ENTRYPOINT ["rumour-monitor"]
CMD ["run"]

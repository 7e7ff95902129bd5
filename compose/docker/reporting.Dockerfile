# syntax=docker/dockerfile:1
# rjhub-reporting: the commissioners' figures.
# Built from the repository's root: docker build -f compose/docker/reporting.Dockerfile .
# (compose/docker-compose.yml does it). Secrets are never part of the image: they are files
# mounted at run time (docker secrets, Kubernetes Secrets) named by the *_FILE variables.

# ---- build: Swift 6.3 on Debian 12, the runtime image's release (same glibc) ----
FROM swift:6.3-bookworm AS build
# The C libraries' -dev packages (Package.swift's system library targets). Versions are pinned
# to bookworm's upstream series, so Debian's security updates still install.
RUN apt-get update \
  && apt-get install -y --no-install-recommends \
      librabbitmq-dev=0.11.* \
      libpq-dev=15.* \
      libcurl4-openssl-dev=7.88.* \
      pkg-config=1.8.* \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Every target's folder must exist for the package to resolve (tests and benchmarks included);
# .dockerignore keeps .build/, .local/ and compose/secrets/ out of the context.
COPY Package.swift ./
COPY Shared Shared
COPY Services Services
COPY Tests Tests
COPY Benchmarks Benchmarks
# One build cache for all six images (same id), so the shared libraries compile once.
RUN --mount=type=cache,id=rjhub-swift-build,target=/src/.build,sharing=locked \
  swift build -c release --product rjhub-reporting --static-swift-stdlib \
  && bin="$(swift build -c release --show-bin-path)" \
  && mkdir -p /out \
  && cp "$bin/rjhub-reporting" /out/ \
  && find "$bin" -maxdepth 1 -name '*.resources' -exec cp -R {} /out/ \;

# ---- runtime: slim Debian with only the shared libraries the executable links ----
FROM debian:bookworm-slim
# What the executable links: librabbitmq4 (CRabbitMQ, the broker), libpq5 (CLibPQ, PostgreSQL).
# ca-certificates for TLS, tzdata for the areas' calendars (Europe/London), curl for the
# health check below.
RUN apt-get update \
  && apt-get install -y --no-install-recommends \
      librabbitmq4=0.11.* \
      libpq5=15.* \
      ca-certificates=2025* \
      tzdata=20* \
      curl=7.88.* \
  && rm -rf /var/lib/apt/lists/* \
  && groupadd --system --gid 10001 rjhub \
  && useradd --system --uid 10001 --gid rjhub --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin rjhub
# The executable and its resource bundles side by side (Bundle.module looks beside it).
COPY --from=build --chown=root:root /out/ /app/
WORKDIR /app
USER 10001:10001
# Listen on every interface inside the container; the port is the service's usual one.
ENV RJHUB_HTTP_HOST=0.0.0.0 \
    RJHUB_HTTP_PORT=8085 \
    RJHUB_LOG_FORMAT=json
EXPOSE 8085
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["sh", "-c", "curl -fsS -o /dev/null http://127.0.0.1:${RJHUB_HTTP_PORT}/health/ready"]
ENTRYPOINT ["/app/rjhub-reporting"]

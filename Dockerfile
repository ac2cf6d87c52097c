# Build stage: a release binary (libpq and SQLite are built from source by their crates).
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY migrations ./migrations
# Pages: templates, messages and assets are compiled into the binary.
COPY templates ./templates
COPY locales ./locales
COPY assets ./assets
RUN cargo build --release --locked

# Run stage: the binary, its config and nothing else.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app --uid 10001 jpa
WORKDIR /app
COPY --from=build /src/target/release/jpa-coord /usr/local/bin/jpa-coord
COPY config ./config
RUN mkdir -p /app/data && chown jpa /app/data
USER jpa
ENV JPA__SERVER__HOST=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["jpa-coord"]
CMD ["serve"]

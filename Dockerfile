# syntax=docker/dockerfile:1
# Policy news assistant: build stage compiles TypeScript; the runtime stage holds dist/ and the production
# dependencies only (npm ci --omit=dev: no TypeScript, tsx or transformers.js), runs as a non-root user
# and reports health on /healthz.
#
#   docker build -t policy-news-assistant .
#   docker build --build-arg WITH_MODEL=1 -t policy-news-assistant:model .   # adds transformers.js (~470 MB)
#   docker run --env-file .env -p 9464:9464 policy-news-assistant

ARG NODE_VERSION=20.20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# hnswlib-node builds its native addon at install time.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY bots ./bots
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ARG WITH_MODEL=0
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && if [ "$WITH_MODEL" = "1" ]; then \
      npm install --omit=dev --save-prod --no-audit --no-fund "@huggingface/transformers@$(node -p 'require("./package.json").devDependencies["@huggingface/transformers"]')"; \
    fi \
 && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# GLIBC_TUNABLES: glibc's malloc asks for transparent huge pages for its large blocks (the index files read at start:
# at 100k passages a start page-faulted ~1 GB in 4 KiB pages, 7.3 s -> 5.3 s to the first answer; README, Settings).
ENV GLIBC_TUNABLES=glibc.malloc.hugetlb=1 \
    NODE_ENV=production \
    HOST=0.0.0.0 \
    HTTP_PORT=9464 \
    PORT=8080 \
    CONSOLE=off \
    SEEDS_DIR=/app/seeds \
    INDEX_DIR=/data/index \
    MODELS_DIR=/app/models \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/package.json ./package.json
COPY --from=build /app/dist ./dist
COPY seeds ./seeds
# /data holds the index (built on first start, or by `node dist/scripts/build-index.js`) and, without Redis,
# the answer log and votes. Mount a volume there to keep them.
RUN mkdir -p /data /app/models && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# --heap-growing-percent=20: the next full collection when the heap is 20% over what the last one kept (V8 waits
# for up to 4x by default), so old garbage of many questions does not pile up (README, Speed and memory).
CMD ["node", "--heap-growing-percent=20", "dist/bots/main.js"]

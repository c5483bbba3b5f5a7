# One image per service, built from the whole workspace (the apps share packages/*).
#   docker build --target api .      (also: worker, checkout, dashboard, merchant)
# docker-compose.yml builds each target; see docs/README-merchant-section.md.

FROM node:20-bookworm-slim AS base
# corepack cannot fetch pnpm in every environment; the pinned pnpm from npm always works.
RUN npm i -g pnpm@10.34.9
ENV CI=true
WORKDIR /app

FROM base AS build
# `pnpm fetch` needs only the lockfile, so this layer is cached until dependencies change.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile \
 && pnpm -r --if-present run build

# API (HTTP only in compose: WORKERS=off, the worker service processes jobs).
FROM build AS api
WORKDIR /app/apps/api
ENV PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]

# Background workers alone (any number of them may share one Postgres).
FROM build AS worker
WORKDIR /app/apps/api
CMD ["node", "--import", "tsx", "src/worker-main.ts"]

# Checkout page + sdk.js (built in the build stage).
FROM build AS checkout
WORKDIR /app/apps/checkout
ENV PORT=3001
EXPOSE 3001
CMD ["node", "--import", "tsx", "server.ts"]

# Merchant + admin dashboard (built in the build stage).
FROM build AS dashboard
WORKDIR /app/apps/dashboard
ENV PORT=3000
EXPOSE 3000
CMD ["node", "--import", "tsx", "server.ts"]

# Example merchant shop, its PGlite data under /data.
FROM build AS merchant
WORKDIR /app/examples/merchant
ENV PORT=4000 MERCHANT_DATA_DIR=/data
EXPOSE 4000
VOLUME /data
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]

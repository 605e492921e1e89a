# syntax=docker/dockerfile:1
#
# The console (console/): built with Vite, served by unprivileged nginx (uid 101, port 8080), from the
# repository root:
#
#   docker build -f deploy/docker/console.Dockerfile -t <registry>/console:<tag> .
#
# nginx.conf, the Content-Security-Policy (csp.conf) and the app's runtime settings (config.json: Keycloak
# issuer and client) come from ConfigMaps (deploy/base/console), so one image serves every county.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
# npm install from the lock rather than npm ci (see deploy/docker/Dockerfile).
RUN npm install --no-audit --no-fund \
 && cd console && npx --no-install vite build --outDir /out \
 && node scripts/first-load-size.mjs /out

FROM ${NGINX_IMAGE}
COPY --from=build /out /usr/share/nginx/html
USER 101
EXPOSE 8080

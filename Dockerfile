# Two images from one file, so that Docker alone is enough to run the lab (no Node on the host):
#
#   the Grafana image (`--target grafana`): grafana/grafana with the drift panel, built here in the
#     stage `plugin`, and the provisioning files; compose's `grafana` service.
#   the lab image (the last stage, the default target): contracts, simulator, serving, exporter,
#     provisioning, the class pages (built) and the `driftlab` command line (docker-compose.yml runs it three times,
#     `start --only <component>`). The plugin and its packages are not in it.
#
# Node 24 LTS: better-sqlite3 12.9 supports Node up to 25. The build uses no BuildKit-only syntax,
# so the classic builder of docker-compose 1.29 can build it too. The lab image's stages stay last:
# `build: .` without a target builds the last stage. (The classic builder also runs the stages
# above its target, so building the lab image there builds the plugin too; BuildKit skips them.
# compose builds both images anyway, and the second build finds the shared stages in the cache.)

# ---- plugin: the Grafana panel driftlab-drift-panel, built into /app/plugin/dist ------------------
FROM node:24.11.1-bookworm-slim AS plugin

WORKDIR /app

# Every workspace manifest keeps the lockfile's workspace list whole; only the plugin's dependency
# tree (its Grafana packages, webpack and the rest of its devDependencies, about 800 MB) and the
# contracts, which the panel imports and webpack bundles, are installed. None of it leaves this
# stage: the Grafana image takes plugin/dist only.
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY simulator/package.json simulator/
COPY serving/package.json serving/
COPY exporter/package.json exporter/
COPY provisioning/package.json provisioning/
COPY pages/package.json pages/
COPY lab/package.json lab/
COPY plugin/package.json plugin/
RUN npm ci --no-audit --no-fund --workspace contracts --workspace plugin

# @driftlab/contracts resolves (node_modules/@driftlab/contracts, a link to contracts/) to its
# build output, contracts/dist: compile it, then the plugin (`npm run build -w plugin`, webpack).
COPY tsconfig.base.json ./
COPY contracts contracts
RUN ./node_modules/.bin/tsc -b contracts
COPY plugin plugin
RUN npm run build -w plugin \
  && test -f plugin/dist/module.js && test -f plugin/dist/plugin.json

# ---- grafana: the Grafana that runs the panel -------------------------------------------------------
# The version of the plugin's @grafana/* packages (plugin/package.json): a plugin must not be built
# against a newer Grafana than the one that runs it. Keep the two equal; tests/compose.test.ts checks.
FROM grafana/grafana:12.4.10 AS grafana

# Plugins live outside /var/lib/grafana: compose keeps Grafana's state in a volume there, and a volume
# hides what the image has at its path (after its first start it would keep serving an old panel).
# The image's run.sh passes GF_PATHS_PLUGINS to Grafana. The directory belongs to Grafana's user, so
# Grafana can still install plugins of its own there; the panel is root's, read-only to Grafana.
ENV GF_PATHS_PLUGINS=/var/lib/grafana-plugins
USER root
RUN mkdir -p "$GF_PATHS_PLUGINS" && chown 472:0 "$GF_PATHS_PLUGINS"
COPY --from=plugin /app/plugin/dist /var/lib/grafana-plugins/driftlab-drift-panel
COPY provisioning/grafana /etc/grafana/provisioning
# The dashboards link to the class pages on the lab's published port (provisioning's lab variable,
# http://localhost:8082 in the files). A classroom whose students reach the lab at another address
# builds with it: DRIFTLAB_LAB_URL=http://<tutor's address>:8082 docker compose build grafana.
ARG DRIFTLAB_LAB_URL=http://localhost:8082
RUN echo "$DRIFTLAB_LAB_URL" | grep -Eq '^https?://[A-Za-z0-9.:-]+(/[A-Za-z0-9._~/-]*)?$' \
  || { echo "DRIFTLAB_LAB_URL: expected a URL such as http://10.0.0.5:8082, got '$DRIFTLAB_LAB_URL'" >&2; exit 1; }; \
  url="${DRIFTLAB_LAB_URL%/}"; \
  if [ "$url" != "http://localhost:8082" ]; then \
    grep -rl '"http://localhost:8082"' /etc/grafana/provisioning/dashboards \
      | xargs sed -i "s#\"http://localhost:8082\"#\"$url\"#g"; \
  fi

# Grafana's own non-root user (uid 472), as in the base image. The panel is unsigned: compose allows
# it by id (GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS=driftlab-drift-panel).
USER 472

# ---- build: install, compile, prune ------------------------------------------------------------
FROM node:24.11.1-bookworm-slim AS build

# better-sqlite3 compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# node-gyp compiles against this image's own Node headers instead of downloading them.
ENV npm_config_nodedir=/usr/local

WORKDIR /app

# Manifests first, so the dependency layer is rebuilt only when they change. plugin/package.json
# only keeps the workspace list whole: its dependencies are not installed (the stage `plugin` does).
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY simulator/package.json simulator/
COPY serving/package.json serving/
COPY exporter/package.json exporter/
COPY provisioning/package.json provisioning/
COPY pages/package.json pages/
COPY lab/package.json lab/
COPY plugin/package.json plugin/

# The Node workspaces only (the plugin's Grafana packages are about 800 MB and not needed), with
# the root's devDependencies (TypeScript, @types/node) for the build. `npm ci` with --workspace
# installs the named workspaces' dependency trees from the lockfile and nothing else.
RUN npm ci --no-audit --no-fund --include-workspace-root \
  --workspace contracts --workspace simulator --workspace serving --workspace exporter --workspace provisioning --workspace pages --workspace lab

COPY tsconfig.base.json tsconfig.json ./
COPY contracts contracts
COPY simulator simulator
COPY serving serving
COPY exporter exporter
COPY provisioning provisioning
COPY pages pages
COPY lab lab
# The class pages are a static bundle (esbuild): built here, their build tools pruned below.
RUN ./node_modules/.bin/tsc -b && node pages/build.js && test -f pages/dist/index.html

# Same workspaces as the install: without them prune would install the plugin's dependencies.
# plugin/package.json only keeps the workspace list whole, but the lockfile marks its dependencies
# (@grafana/data, react and, through them, typescript and eslint) as runtime ones, so prune would
# keep the class pages' build tools (about 185 MB). Emptying the plugin's manifest here (this stage
# only: the plugin is not in /out) lets npm see they are build-only.
# Then fail here, not at run time, if better-sqlite3's native module did not build.
RUN (cd plugin && npm pkg delete dependencies devDependencies) \
  && npm prune --omit=dev --no-audit --no-fund --include-workspace-root \
  --workspace contracts --workspace simulator --workspace serving --workspace exporter --workspace provisioning --workspace pages --workspace lab \
  && node -e "new (require('better-sqlite3'))(':memory:').close()"

# What runs, gathered in /out: dependencies, each package's build output and manifest, and the data
# files read at run time (scenario library and schema; provisioning's Prometheus, Alertmanager and
# Grafana files; the bin shim). A workspace may have nested node_modules (simulator's ajv).
RUN mkdir /out \
  && cp -a package.json node_modules /out/ \
  && for ws in contracts simulator serving exporter provisioning lab; do \
       mkdir "/out/$ws" && cp -a "$ws/package.json" "$ws/dist" "/out/$ws/" \
       && if [ -d "$ws/node_modules" ]; then cp -a "$ws/node_modules" "/out/$ws/"; fi; \
     done \
  && cp -a simulator/scenarios simulator/schema /out/simulator/ \
  && cp -a provisioning/grafana provisioning/prometheus provisioning/alertmanager /out/provisioning/ \
  && cp -a lab/bin /out/lab/ \
  && mkdir /out/pages && cp -a pages/package.json pages/index.js pages/index.d.ts pages/dist /out/pages/ \
  && find /out -name '*.tsbuildinfo' -delete

# ---- lab: the runtime image (the last stage: compose's `build: .` builds it) -----------------------
FROM node:24.11.1-bookworm-slim AS lab

ENV NODE_ENV=production DRIFTLAB_DATA=/data
WORKDIR /app
# Owned by root and read-only to the service user: only /data is writable.
COPY --from=build /out /app
# The lab's state (model registry, labelled log). A named volume mounted here starts with this
# directory's owner, so the node user can write to it.
RUN mkdir /data && chown node:node /data

# The image's non-root user (uid 1000).
USER node
EXPOSE 8080 8081 8082
ENTRYPOINT ["node", "lab/bin/driftlab.js"]
CMD ["--help"]

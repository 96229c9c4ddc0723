'use strict';
// Builds the class pages into dist/: one bundle (app.js, app.css with Grafana's theme and the Inter
// font), one index.html the lab serves at /, /control and /projector. Everything is local: the
// pages fetch nothing from outside the lab.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { themeCss } = require('./theme-css');

const DIST = path.join(__dirname, 'dist');
const INTER = path.dirname(require.resolve('@fontsource/inter/package.json'));

const INDEX = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>driftlab</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body><div id="root"></div><noscript>The driftlab pages need JavaScript.</noscript></body>
</html>
`;

async function build({ minify = true } = {}) {
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });
  // Inter, as Grafana sets it: the latin subset of the weights the pages use.
  const fonts = ['400', '500', '600']
    .map((w) => fs.readFileSync(path.join(INTER, `latin-${w}.css`), 'utf8'))
    .join('\n');
  await esbuild.build({
    entryPoints: { app: path.join(__dirname, 'src', 'main.tsx') },
    bundle: true,
    outdir: DIST,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    jsx: 'automatic',
    minify,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.woff': 'file' },
    assetNames: 'fonts/[name]-[hash]',
    tsconfig: path.join(__dirname, 'tsconfig.json'),
    plugins: [themePlugin(fonts)],
  });
  fs.writeFileSync(path.join(DIST, 'index.html'), INDEX);
}

/** `theme.css` imported by the app: Grafana's theme variables, then the Inter faces. */
function themePlugin(fonts) {
  return {
    name: 'grafana-theme',
    setup(b) {
      b.onResolve({ filter: /^virtual:theme\.css$/ }, () => ({ path: 'theme.css', namespace: 'theme' }));
      b.onLoad({ filter: /.*/, namespace: 'theme' }, () => ({
        contents: `${themeCss()}\n${fonts}`,
        loader: 'css',
        resolveDir: INTER,
      }));
    },
  };
}

if (require.main === module) {
  build({ minify: !process.argv.includes('--dev') }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}

module.exports = { build, DIST };

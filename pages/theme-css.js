'use strict';
// Grafana's own dark and light themes (@grafana/data's createTheme) as CSS custom properties, so
// the pages look at home beside the dashboards. Run at build time only: nothing of Grafana ships.
const path = require('node:path');

function createTheme() {
  // The package's index touches `window` as it loads; its theme module alone does not.
  const file = path.join(path.dirname(require.resolve('@grafana/data')), 'themes', 'createTheme.cjs');
  try {
    return require(file).createTheme;
  } catch (e) {
    throw new Error(
      `@grafana/data's createTheme is no longer at ${file}: update pages/theme-css.js (${e.message})`,
    );
  }
}

/** The custom properties of one theme: the names the pages' CSS uses. */
function variables(theme) {
  const c = theme.colors;
  const t = theme.typography;
  return {
    '--bg-canvas': c.background.canvas,
    '--bg-primary': c.background.primary,
    '--bg-secondary': c.background.secondary,
    '--text': c.text.primary,
    '--text-secondary': c.text.secondary,
    '--text-disabled': c.text.disabled,
    '--text-link': c.text.link,
    '--text-max': c.text.maxContrast,
    '--border-weak': c.border.weak,
    '--border-medium': c.border.medium,
    '--border-strong': c.border.strong,
    '--primary': c.primary.main,
    '--primary-shade': c.primary.shade,
    '--primary-text': c.primary.text,
    '--primary-contrast': c.primary.contrastText,
    '--secondary': c.secondary.main,
    '--secondary-shade': c.secondary.shade,
    '--secondary-contrast': c.secondary.contrastText,
    '--error': c.error.main,
    '--error-text': c.error.text,
    '--error-contrast': c.error.contrastText,
    '--success-text': c.success.text,
    '--warning-text': c.warning.text,
    '--info-text': c.info.text,
    '--hover': c.action.hover,
    '--selected': c.action.selected,
    '--focus': c.primary.main,
    '--shadow': theme.shadows.z1,
    '--shadow-z3': theme.shadows.z3,
    '--radius': theme.shape.radius.default,
    '--font': t.fontFamily,
    '--font-mono': t.fontFamilyMonospace,
    '--font-size': `${t.fontSize}px`,
    '--line-height': String(t.body.lineHeight),
    '--weight-medium': String(t.fontWeightMedium),
  };
}

const block = (selector, vars) =>
  `${selector} {\n${Object.entries(vars)
    .map(([k, v]) => `  ${k}: ${v};`)
    .join('\n')}\n}\n`;

/**
 * Dark unless the system prefers light; `data-theme` on <html> (the pages' theme switch) wins
 * either way.
 */
function themeCss() {
  const create = createTheme();
  const dark = variables(create({ colors: { mode: 'dark' } }));
  const light = variables(create({ colors: { mode: 'light' } }));
  return [
    block(':root, :root[data-theme="dark"]', { ...dark, 'color-scheme': 'dark' }),
    `@media (prefers-color-scheme: light) {\n${block(':root:not([data-theme="dark"])', { ...light, 'color-scheme': 'light' })}}\n`,
    block(':root[data-theme="light"]', { ...light, 'color-scheme': 'light' }),
  ].join('\n');
}

module.exports = { themeCss };

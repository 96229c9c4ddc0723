// The page the browser test drives: it loads dist/module.js the way Grafana does (an AMD module
// whose dependencies are the host's own @grafana/*, React and friends) and renders the panel
// inside Grafana's PanelChrome with real PanelProps.
import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import { createTheme, DataFrame, GrafanaTheme2, PanelPlugin, PanelProps, ThemeContext } from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import { PanelChrome } from '@grafana/ui';
import lodash from 'lodash';
import moment from 'moment';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { createRoot, Root } from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as rxjs from 'rxjs';

import { benchFrames } from '../src/fixtures/frames';
import { panelProps, fixtureTimeRange } from '../src/testing/panelProps';
import { DriftPanelOptions } from '../src/types';
import { SCENARIOS } from './scenarios';

/** What Grafana hands a plugin's AMD `define` (SystemJS maps these names to its own copies). */
const HOST_MODULES: Record<string, unknown> = {
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  '@emotion/css': emotionCss,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
  rxjs,
  lodash,
  moment,
};

type Factory = (...deps: unknown[]) => unknown;

function loadAmdModule(url: string): Promise<{ plugin: PanelPlugin<DriftPanelOptions> }> {
  return new Promise((resolve, reject) => {
    const define = (...args: unknown[]) => {
      const factory = args[args.length - 1] as Factory;
      const deps = (Array.isArray(args[args.length - 2]) ? args[args.length - 2] : []) as string[];
      try {
        const resolved = deps.map((name) => {
          if (name === 'module') {
            return { id: url, uri: url };
          }
          if (!(name in HOST_MODULES)) {
            throw new Error(`module.js requires "${name}", which Grafana does not provide to plugins`);
          }
          return HOST_MODULES[name];
        });
        resolve(factory(...resolved) as { plugin: PanelPlugin<DriftPanelOptions> });
      } catch (e) {
        reject(e);
      }
    };
    define.amd = {};
    Object.assign(window, { define });
    const script = document.createElement('script');
    script.src = url;
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(script);
  });
}

const themes: Record<string, GrafanaTheme2> = {
  dark: createTheme({ colors: { mode: 'dark' } }),
  light: createTheme({ colors: { mode: 'light' } }),
};

interface PanelViewProps {
  plugin: PanelPlugin<DriftPanelOptions>;
  theme: GrafanaTheme2;
  title: string;
  width: number;
  height: number;
  props: PanelProps<DriftPanelOptions>;
  chrome: boolean;
}

function PanelView({ plugin, theme, title, width, height, props, chrome }: PanelViewProps) {
  const Panel = plugin.panel!;
  return (
    <ThemeContext.Provider value={theme}>
      <div
        id="frame"
        style={{
          display: 'inline-block',
          padding: theme.spacing(1),
          background: theme.colors.background.canvas,
          fontFamily: theme.typography.fontFamily,
          color: theme.colors.text.primary,
        }}
      >
        {chrome ? (
          <PanelChrome title={title} width={width} height={height}>
            {(innerWidth: number, innerHeight: number) => <Panel {...props} width={innerWidth} height={innerHeight} />}
          </PanelChrome>
        ) : (
          <Panel {...props} width={width} height={height} />
        )}
      </div>
    </ThemeContext.Provider>
  );
}

let plugin: PanelPlugin<DriftPanelOptions> | undefined;
let root: Root | undefined;

function mount(view: React.ReactElement) {
  const container = document.getElementById('root')!;
  document.body.style.background = view.props.theme.colors.background.canvas;
  if (!root) {
    root = createRoot(container);
  }
  ReactDOM.flushSync(() => root!.render(view));
}

const api = {
  async load() {
    plugin = (await loadAmdModule('/dist/module.js')).plugin;
    if (!(plugin instanceof grafanaData.PanelPlugin)) {
      throw new Error('dist/module.js did not export a PanelPlugin named "plugin"');
    }
    return { hasPanel: typeof plugin.panel === 'function' };
  },

  scenarios: () => SCENARIOS.map((s) => s.name),

  render(name: string, themeName: string) {
    const scenario = SCENARIOS.find((s) => s.name === name);
    if (!scenario || !plugin) {
      throw new Error(`unknown scenario ${name} or plugin not loaded`);
    }
    const props = panelProps(scenario.series(), scenario.options, {
      annotations: scenario.annotations?.(),
      timeRange: fixtureTimeRange(),
    });
    root?.unmount();
    root = undefined;
    mount(
      <PanelView
        plugin={plugin}
        theme={themes[themeName]}
        title={scenario.title}
        width={scenario.width}
        height={scenario.height}
        props={props}
        chrome
      />
    );
    return { expect: scenario.expect, hover: scenario.hover, select: scenario.select };
  },

  /**
   * Times data → pixels: new frames in, React render and commit, canvas drawing, then a forced
   * style and layout, the way a dashboard refresh re-renders the panel. Returns milliseconds.
   */
  bench(mode: DriftPanelOptions['mode'], features: number, points: number, repeats: number) {
    if (!plugin) {
      throw new Error('plugin not loaded');
    }
    const theme = themes.dark;
    const range = fixtureTimeRange(points, 30_000);
    const view = (series: DataFrame[], options: Partial<DriftPanelOptions>) => (
      <PanelView
        plugin={plugin!}
        theme={theme}
        title="bench"
        width={1200}
        height={600}
        props={panelProps(series, options, { timeRange: range })}
        chrome={false}
      />
    );
    root?.unmount();
    root = undefined;
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      // Fresh frames each time: nothing memoised from the previous refresh can be reused.
      const series = mode === 'overview' && features === 0 ? [] : benchFrames(features, points);
      const started = performance.now();
      mount(view(series, { mode }));
      void document.getElementById('frame')!.getBoundingClientRect().height;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
  },
};

Object.assign(window, { driftlab: api });

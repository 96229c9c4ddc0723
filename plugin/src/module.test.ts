import { PanelPlugin } from '@grafana/data';

import { DriftPanel } from './components/DriftPanel';
import { plugin } from './module';

describe('module', () => {
  it('exports the panel plugin Grafana loads', () => {
    expect(plugin).toBeInstanceOf(PanelPlugin);
    expect(plugin.panel).toBe(DriftPanel);
  });
});

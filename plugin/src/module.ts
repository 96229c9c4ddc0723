import { PanelPlugin } from '@grafana/data';

import { DriftPanel } from './components/DriftPanel';
import { addPanelOptions, FIELD_CONFIG } from './options/builder';
import { DriftPanelOptions } from './types';

export const plugin = new PanelPlugin<DriftPanelOptions>(DriftPanel)
  .setPanelOptions(addPanelOptions)
  .useFieldConfig(FIELD_CONFIG);

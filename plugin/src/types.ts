// The panel's options are a contract: provisioning writes them into the dashboards from the same
// definitions (@driftlab/contracts), so a dashboard cannot ask for an option the panel lacks.
export type {
  ColorBy,
  DriftMethod,
  DriftPanelMode,
  DriftPanelOptions,
  MethodChoice,
  SortOrder,
} from '@driftlab/contracts';

import React from 'react';
import { Combobox, useTheme2 } from '@grafana/ui';

import { METHODS, TEST_IDS } from '../../../constants';
import { featureLabel, formatScore } from '../../../viewmodel';
import { FeatureChoice } from '../usePanelModel';

/** The room the picker takes under the distribution's title. */
export const PICKER_HEIGHT = 48;

interface Props {
  choices: FeatureChoice[];
  selectedKey?: string;
  onSelect: (key: string) => void;
  /** The picker is at most 50 grid units wide, and narrower than the panel. */
  panelWidth: number;
}

/** Chooses the feature of the distributions mode; each option says its score, or that it has none. */
export const FeaturePicker: React.FC<Props> = ({ choices, selectedKey, onSelect, panelWidth }) => {
  const theme = useTheme2();
  return (
    <div data-testid={TEST_IDS.featurePicker}>
      <Combobox
        options={choices.map((c) => ({
          value: c.key,
          label: featureLabel(c.model, c.feature, true),
          description: c.row
            ? `${METHODS[c.row.primary.method].short} ${formatScore(c.row.primary.method, c.row.primary.score)}`
            : 'no score',
        }))}
        value={selectedKey ?? null}
        onChange={(option) => option && onSelect(option.value)}
        width={Math.min(50, Math.floor(panelWidth / theme.spacing.gridSize) - 1)}
        aria-label="Feature"
      />
    </div>
  );
};

import React from 'react';
import { render, screen } from '@testing-library/react';

import { TEST_IDS } from '../../constants';
import { PanelErrorBoundary, PanelMessage } from './PanelMessage';

describe('PanelMessage', () => {
  it('shows the title, what to do and the reasons', () => {
    render(<PanelMessage title="No data" detail="Query the exporter." reasons={['one', 'two']} />);
    const message = screen.getByTestId(TEST_IDS.message);
    expect(message).toHaveAttribute('role', 'status');
    expect(message).toHaveTextContent('No data');
    expect(message).toHaveTextContent('Query the exporter.');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('catches a rendering error from its children', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = () => {
      throw new Error('bad frame');
    };
    render(
      <PanelErrorBoundary lecture={false}>
        <Broken />
      </PanelErrorBoundary>
    );
    expect(screen.getByTestId(TEST_IDS.message)).toHaveTextContent('bad frame');
    spy.mockRestore();
  });
});

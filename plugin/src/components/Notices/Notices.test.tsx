import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { TEST_IDS } from '../../constants';
import { Notices } from './Notices';

describe('Notices', () => {
  it('renders nothing without notes', () => {
    const { container } = render(<Notices notes={[]} lecture={false} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the first note and expands to all', () => {
    render(
      <Notices
        notes={[
          { level: 'warning', message: 'first' },
          { level: 'info', message: 'second' },
        ]}
        lecture={false}
      />
    );
    const notices = screen.getByTestId(TEST_IDS.notices);
    expect(notices).toHaveTextContent('first');
    expect(notices).not.toHaveTextContent('second');
    fireEvent.click(screen.getByText('+1 more'));
    expect(notices).toHaveTextContent('second');
    fireEvent.click(screen.getByText('less'));
    expect(notices).not.toHaveTextContent('second');
  });
});

import { useCallback, useRef, useState } from 'react';

import { RankingRow } from '../../viewmodel';

export interface HoverCard {
  row: RankingRow;
  /** Distance from the list's top (card below the row) or bottom (card above it). */
  top: number;
  below: boolean;
}

/**
 * One hover card for the whole list: a Tooltip per row costs more than the rest of the render.
 * The card opens below rows in the upper half and above the others, so it stays inside the panel.
 */
export function useHoverCard() {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<HoverCard>();
  const showCard = useCallback((row: RankingRow, target: HTMLElement) => {
    const wrapper = wrapperRef.current;
    if (!wrapper) {
      return;
    }
    const box = wrapper.getBoundingClientRect();
    const rowBox = target.getBoundingClientRect();
    const below = rowBox.top - box.top < box.height / 2;
    setHover({ row, top: below ? rowBox.bottom - box.top + 4 : box.bottom - rowBox.top + 4, below });
  }, []);
  const hideCard = useCallback(() => setHover(undefined), []);
  return { wrapperRef, hover, showCard, hideCard };
}

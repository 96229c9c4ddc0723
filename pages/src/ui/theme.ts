/*
 * The pages follow the system's light or dark preference, as Grafana does by default; the switch
 * in the header fixes one for this browser (localStorage: a preference, not a secret).
 */
export type ThemeChoice = 'system' | 'dark' | 'light';

const KEY = 'driftlab.theme';

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'dark' || value === 'light' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage refused: the choice lasts until the page is reloaded.
  }
}

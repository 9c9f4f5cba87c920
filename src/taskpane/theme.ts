/**
 * Follows Office's theme (issue 15): Office.context.officeTheme gives the body colours of Office's current theme
 * (Colorful, Dark Grey, Black, White, and high contrast on Windows). A dark body selects Fluent's dark tokens; a
 * pure black or white body with the opposite text is a contrast theme. Without officeTheme (Excel on the web,
 * a browser), the stylesheet follows prefers-color-scheme and forced-colors.
 */
export type PaneTheme = "light" | "dark" | "contrast";

/** Relative luminance of "#rrggbb" (WCAG 2), or null for anything else. */
function luminance(color: string | undefined): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec((color ?? "").trim());
  if (!match) return null;
  const value = parseInt(match[1]!, 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** The pane theme for Office's theme colours, or null when Office gives none. */
export function themeFor(
  officeTheme: { bodyBackgroundColor?: string; bodyForegroundColor?: string } | null | undefined,
): PaneTheme | null {
  const background = luminance(officeTheme?.bodyBackgroundColor);
  if (background === null) return null;
  const foreground = luminance(officeTheme?.bodyForegroundColor);
  // Contrast themes: black on white or white on black (contrast ratio 21:1 at the extremes); Office's own themes are softer.
  if (foreground !== null && (background === 0 || background === 1) && Math.abs(foreground - background) === 1)
    return "contrast";
  return background < 0.2 ? "dark" : "light";
}

/** Sets <html data-theme> from Office's theme; leaves it unset (system preference) when Office gives none. */
export function applyOfficeTheme(root: HTMLElement = document.documentElement): PaneTheme | null {
  let theme: PaneTheme | null = null;
  try {
    theme = themeFor(Office.context?.officeTheme);
  } catch {
    theme = null; // outside Office, Office.context may be missing
  }
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;
  return theme;
}

/** Browsers' default root font size; a larger one means the person enlarged text in their settings. */
const DEFAULT_PX = 16

/** True when the browser's text size setting is larger than the default. */
export function prefersLargeText(): boolean {
  if (typeof document === 'undefined') return false
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize)
  return Number.isFinite(px) && px > DEFAULT_PX
}

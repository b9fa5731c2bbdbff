/** Browsers' default text size; a larger one means the person enlarged text in their settings. */
const DEFAULT_PX = 16;

/**
 * True when the browser's text size setting is larger than the default. The
 * root element's size says nothing here (Taro sets it to scale its layout), so
 * a probe asks for the `medium` keyword, which is the person's setting.
 */
export function prefersLargeText(): boolean {
  if (typeof document === 'undefined' || !document.body) return false;
  const probe = document.createElement('span');
  probe.style.fontSize = 'medium';
  document.body.appendChild(probe);
  const px = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return Number.isFinite(px) && px > DEFAULT_PX;
}

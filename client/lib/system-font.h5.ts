/**
 * A browser applies its own text zoom to rem units already (the H5 build's unit), so the page adds nothing on top.
 */
export function readSystemFontScale(): number {
  return 1
}

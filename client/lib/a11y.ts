/**
 * A control's accessible name, for both builds: `aria-label` for weapp (and Taro's wrapper on H5), and the same in
 * `nativeProps`, the only way it reaches the native <input>/<textarea>/<switch> inside Taro's H5 element.
 */
export function labelled(label: string): { 'aria-label': string; nativeProps: { 'aria-label': string } } {
  return { 'aria-label': label, nativeProps: { 'aria-label': label } }
}

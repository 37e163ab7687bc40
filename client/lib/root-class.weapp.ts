/**
 * On weapp the tab bar, modal and toast are WeChat's own: they follow WeChat's font setting, not the page's classes.
 */
export function applyRootClasses(_elder: boolean): void {}

/** A web page is updated by loading it again; there is no update manager to watch. */
export function watchForUpdates(): void {}

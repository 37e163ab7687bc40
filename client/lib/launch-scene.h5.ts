import { decodeScene } from './scene'

/** The printed H5 QR code is an ordinary URL with `?scene=`, on whichever page it points at. */
export function readLaunchScene(): string | null {
  if (typeof window === 'undefined') return null
  const raw = new URLSearchParams(window.location.search).get('scene')
  return raw ? decodeScene(encodeURIComponent(raw)) : null
}

/** A browser tab coming back to the front is not a new scan: the URL it shows was read when it loaded. */
export function readShowScene(_options: unknown): string | null {
  return null
}

import { foldSceneInput, isValidScene } from '@linli/domain'

function queryParam(url: string, key: string): string | null {
  const q = url.indexOf('?')
  if (q < 0) return null
  for (const pair of url.slice(q + 1).split('#')[0].split('&')) {
    const [k, v = ''] = pair.split('=')
    if (k === key) {
      try {
        return decodeURIComponent(v)
      } catch {
        return v
      }
    }
  }
  return null
}

/**
 * What a scan gives back differs by code type: a 小程序码 yields `path` = "pages/index/index?scene=p.x7k2",
 * a printed H5 QR yields `result` = "https://…/?scene=p.x7k2", and a typed sticker code is the bare scene.
 */
export function sceneFromScan(scan: { path?: string; result?: string }): string | null {
  const candidates = [
    scan.path ? queryParam(scan.path, 'scene') : null,
    scan.result ? queryParam(scan.result, 'scene') : null,
    scan.result?.trim() ?? null,
  ]
  // A code typed or printed with full-width characters (`hy2－b12`) is the same code.
  return candidates.map((c) => (c ? foldSceneInput(c) : c)).find((c): c is string => !!c && isValidScene(c)) ?? null
}

/** A scene from a launch query is URL-encoded by WeChat ("p.x%2F1"); decode once, and reject junk early. */
export function decodeScene(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw === '') return null
  let decoded = raw
  try {
    decoded = foldSceneInput(decodeURIComponent(raw))
  } catch {
    return null
  }
  return isValidScene(decoded) ? decoded : null
}

export { queryParam }

/**
 * WeChat's wxacode.getUnlimited `scene`: at most 32 visible characters from
 * [0-9A-Za-z] and !#$&'()*+,/:;=?@-._~ — no %, no Chinese.
 */
export const SCENE_MAX_LENGTH = 32;
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export function isValidScene(scene: unknown): scene is string {
  return typeof scene === 'string' && SCENE_PATTERN.test(scene);
}

/** Scene codes are typed by people reading a sticker too, so avoid look-alikes (0/O, 1/l/I). */
const SCENE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

export function randomSceneCode(prefix: string, length = 6, random: () => number = Math.random): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += SCENE_ALPHABET[Math.floor(random() * SCENE_ALPHABET.length)];
  if (!isValidScene(out)) throw new Error(`invalid scene code ${out}`);
  return out;
}

/** Scene kinds share one QR namespace: `a.…` an activity check-in code, `i.…` an invite to a role, else a point. */
export type SceneKind = 'point' | 'activity' | 'invite' | 'unknown';
export function sceneKind(scene: string): SceneKind {
  if (scene.startsWith('a.')) return 'activity';
  if (scene.startsWith('i.')) return 'invite';
  if (isValidScene(scene)) return 'point';
  return 'unknown';
}

/**
 * What a person types from a sticker, made comparable: full-width forms (a Chinese keyboard's `－`, `Ｂ`, `１`) folded
 * to ASCII, dash look-alikes to `-`, spaces dropped. Case is kept: invite and activity codes are case-sensitive.
 */
export function foldSceneInput(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000 || /\s/.test(ch)) continue;
    else if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x30fc || c === 0xfe63) out += '-';
    else if (c === 0x3002) out += '.';
    else out += ch;
  }
  return out;
}

/** A point's code as looked up: folded and lower-cased, so `HY2-B12`, `Hy2-b12` and `hy2－b12` are one point. */
export function pointSceneKey(raw: string): string {
  return foldSceneInput(raw).toLowerCase();
}

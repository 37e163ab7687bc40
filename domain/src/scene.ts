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

/** Scene kinds share one QR namespace: p… is a point, a… an activity check-in code. */
export type SceneKind = 'point' | 'activity' | 'unknown';
export function sceneKind(scene: string): SceneKind {
  if (scene.startsWith('a.')) return 'activity';
  if (isValidScene(scene)) return 'point';
  return 'unknown';
}

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

import { availableActions, IllegalTransitionError, nextState, TransitionTable } from './state-machine';
import { maskIdNumber, maskName, maskPhone } from './masking';
import { isValidScene, randomSceneCode } from './scene';

describe('masking', () => {
  it('should mask a mobile number as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(null)).toBeNull();
  });
  it('should mask names and ID numbers', () => {
    expect(maskName('王秀英')).toBe('王*英');
    expect(maskName('王芳')).toBe('王*');
    expect(maskIdNumber('320507199001011234')).toBe('3205**********1234');
  });
});

describe('scene codes', () => {
  it('should accept WeChat’s character set up to 32 characters and nothing else', () => {
    expect(isValidScene('hy2-b12')).toBe(true);
    expect(isValidScene("a!#$&'()*+,/:;=?@-._~")).toBe(true);
    expect(isValidScene('a'.repeat(32))).toBe(true);
    expect(isValidScene('a'.repeat(33))).toBe(false);
    expect(isValidScene('含中文')).toBe(false);
    expect(isValidScene('a%20b')).toBe(false);
    expect(isValidScene('')).toBe(false);
  });
  it('should generate valid codes without look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = randomSceneCode('p', 8);
      expect(isValidScene(code)).toBe(true);
      expect(code.slice(1)).not.toMatch(/[01ilo]/);
    }
  });
});

describe('state machine', () => {
  type S = 'a' | 'b' | 'c';
  type A = 'go' | 'back';
  const table: TransitionTable<S, A, 'staff'> = {
    a: { go: { to: 'b', by: ['staff'], label: '前进' } },
    b: { back: { to: 'a', by: ['owner'], label: '退回' } },
    c: {},
  };
  it('should follow the table and refuse anything else with a coded error', () => {
    expect(nextState(table, 'a', 'go')).toBe('b');
    expect(() => nextState(table, 'a', 'back')).toThrow(IllegalTransitionError);
    expect(() => nextState(table, 'c', 'go')).toThrow(IllegalTransitionError);
  });
  it('should offer actions by role and ownership', () => {
    expect(availableActions(table, 'a', ['staff'])).toEqual(['go']);
    expect(availableActions(table, 'a', ['resident'])).toEqual([]);
    expect(availableActions(table, 'b', ['resident'], true)).toEqual(['back']);
    expect(availableActions(table, 'b', ['resident'], false)).toEqual([]);
  });
});

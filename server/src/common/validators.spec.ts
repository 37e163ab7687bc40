import { validateSync } from 'class-validator';
import { IsHundredths } from './validators';

class Dto {
  @IsHundredths() hours: unknown;
}
const ok = (hours: unknown) => {
  const d = new Dto();
  d.hours = hours;
  return validateSync(d).length === 0;
};

describe('IsHundredths', () => {
  it('should accept numbers with up to two decimals and refuse the rest without throwing', () => {
    expect([0, 2, 1.5, 0.25, -3.75, 24].every(ok)).toBe(true);
    // eslint-disable-next-line no-loss-of-precision -- 1e309 is meant: a body's overflowing number parses to Infinity
    expect([0.125, 1e-7, 1e309, -Infinity, NaN, '2', null, undefined, {}].some(ok)).toBe(false);
  });
});

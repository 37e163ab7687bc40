import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/**
 * A finite number with at most two decimal places (hours, as the ledger stores centi-hours).
 * class-validator's `IsNumber({ maxDecimalPlaces })` throws a TypeError on numbers that print in exponent form
 * (1e-7), which turned fuzzed input into a 500; this checks the value arithmetically instead.
 */
export function IsHundredths(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isHundredths',
      validator: {
        validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6,
        defaultMessage: () => '须为数字，最多两位小数',
      },
    },
    options,
  );
}

/**
 * Optional, but not null: the field may be left out, and when it is sent it must pass the validators after this one.
 * class-validator's `@IsOptional()` also lets `null` through, which then reaches a NOT NULL column (a 500).
 */
export function IsOptionalNotNull(options?: ValidationOptions) {
  return ValidateIf((_object, value) => value !== undefined, options);
}

export const NULLABLE = 'nullable';

/**
 * This field takes `null` on purpose (to clear it: a cover, a grid's worker). Every other field sent as null is
 * refused with a 422 by the validation pipe (`common/validation.ts`). Put `@IsOptional()` beside it so the other
 * validators skip the null.
 */
export function Nullable(options?: ValidationOptions) {
  return ValidateBy({ name: NULLABLE, validator: { validate: () => true } }, options);
}

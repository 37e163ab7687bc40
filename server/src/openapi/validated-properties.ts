import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

/** A DTO or controller class. */
type Class = abstract new (...args: never[]) => unknown;

// class-transformer keeps `@Type(() => X)` here; it is not re-exported from the package root.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: { findTypeMetadata(t: Class, p: string): { typeFunction?: () => unknown } | undefined } };

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

interface ValidationMeta {
  type: string;
  name?: string;
  propertyName: string;
  constraints?: any[];
  each?: boolean;
}

/**
 * The validation decorators are the truth about a DTO: they decide what the server accepts. Most query and path
 * DTOs (`@Query() q: WallQuery`, `@Param() p: IdParam`) carry no `@ApiProperty`, so Swagger saw no parameters at all.
 * This describes every validated property that has no `@ApiProperty` of its own from its class-validator metadata
 * (type, enum, bounds, pattern, optional), for every DTO class at once — new routes are covered without an edit.
 * An explicit `@ApiProperty` always wins. Runs once, before the document is built.
 */
export function describeValidatedProperties(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Class, ValidationMeta[]> };
  for (const [target, metas] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    const byProperty = new Map<string, ValidationMeta[]>();
    for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, rules] of byProperty) {
      const derived = propertyOptions(target, property, rules);
      const own = Reflect.getMetadata(SWAGGER_PROPERTY, target.prototype, property);
      if (!own) ApiProperty(derived)(target.prototype, property);
      // `coverId?: number | null` reflects as Object; the validators know it is an integer.
      else if ((own.type === Object || own.type === undefined) && derived.type) {
        Reflect.defineMetadata(SWAGGER_PROPERTY, { ...own, type: derived.type, ...(derived.format ? { format: derived.format } : {}) }, target.prototype, property);
      }
    }
  }
}

function propertyOptions(target: Class, property: string, rules: ValidationMeta[]): ApiPropertyOptions & { type?: unknown; format?: string } {
  const rule = (name: string) => rules.find((r) => r.name === name);
  const optional = rules.some((r) => r.type === 'conditionalValidation' && r.name === 'isOptional');
  const isArray = !!rule('isArray') || rules.some((r) => r.each);
  const nested = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction?.();
  const o: Record<string, unknown> = { required: !optional };

  const isIn = rule('isIn');
  if (isIn) o.enum = [...isIn.constraints![0]];
  else if (rule('isInt')) o.type = 'integer';
  else if (rule('isNumber') || rule('isHundredths')) o.type = 'number';
  else if (rule('isBoolean')) o.type = 'boolean';
  else if (rule('isIso8601') || rule('isDateString')) Object.assign(o, { type: 'string', format: 'date-time' });
  else if (rule('isString') || rule('matches') || rule('isLength') || rule('maxLength') || rule('minLength')) o.type = 'string';
  else if (rules.some((r) => r.type === 'nestedValidation') && nested) o.type = nested;
  else if (rule('isObject')) Object.assign(o, { type: 'object', additionalProperties: true });
  // A `@Type(() => Number)` on a query string says what it becomes.
  else if (nested === Number) o.type = 'number';

  const min = rule('min')?.constraints?.[0];
  const max = rule('max')?.constraints?.[0];
  if (typeof min === 'number') o.minimum = min;
  if (typeof max === 'number') o.maximum = max;
  const length = rule('isLength')?.constraints;
  if (length) {
    if (typeof length[0] === 'number' && length[0] > 0) o.minLength = length[0];
    if (typeof length[1] === 'number') o.maxLength = length[1];
  }
  const maxLength = rule('maxLength')?.constraints?.[0];
  const minLength = rule('minLength')?.constraints?.[0];
  if (typeof maxLength === 'number') o.maxLength = maxLength;
  if (typeof minLength === 'number') o.minLength = minLength;
  const pattern = rule('matches')?.constraints?.[0];
  if (pattern instanceof RegExp) o.pattern = pattern.source;
  const arrayMax = rule('arrayMaxSize')?.constraints?.[0];
  if (isArray) {
    o.isArray = true;
    if (typeof arrayMax === 'number') o.maxItems = arrayMax;
  }
  return o as ApiPropertyOptions & { type?: unknown; format?: string };
}

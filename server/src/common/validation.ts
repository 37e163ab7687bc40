import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppError } from './errors/app-error';
import { NULLABLE } from './validators';

// class-transformer keeps its @Type() metadata here and exports no other way to read it (@nestjs/swagger does the same).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

function collect(errors: ValidationError[], prefix = '', out: Record<string, string[]> = {}) {
  for (const e of errors) {
    const key = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[key] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, key, out);
  }
  return out;
}

/** a DTO class, as Nest's ArgumentMetadata.metatype and class-transformer's @Type() give it */
type DtoClass = abstract new (...args: never[]) => unknown;

export const NULL_REFUSED = '不能为 null：不填写时请不要传这个字段';

function nullableProperties(dto: DtoClass): Set<string> {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return new Set(metas.filter((m) => m.name === NULLABLE).map((m) => m.propertyName));
}

/**
 * Every field sent as `null` whose DTO property is not marked `@Nullable()`, as `path → message`. class-validator's
 * `@IsOptional()` lets null through to the service, where it met a NOT NULL column (a 500), so null is refused here
 * once, for every DTO, nested DTOs (`@Type(() => X)`) included. Free-form objects (no DTO type) are not walked.
 */
export function refusedNulls(value: unknown, dto: DtoClass, prefix = '', out: Record<string, string[]> = {}): Record<string, string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  const nullable = nullableProperties(dto);
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v === null) {
      if (!nullable.has(key)) out[path] = [NULL_REFUSED];
      continue;
    }
    const nested = defaultMetadataStorage.findTypeMetadata(dto as never, key)?.typeFunction?.() as unknown;
    if (typeof nested !== 'function' || nested === Number || nested === String || nested === Boolean || nested === Date || nested === Object) continue;
    if (Array.isArray(v)) v.forEach((item, i) => (item === null ? (out[`${path}.${i}`] = [NULL_REFUSED]) : refusedNulls(item, nested as DtoClass, `${path}.${i}`, out)));
    else refusedNulls(v, nested as DtoClass, path, out);
  }
  return out;
}

function refusal(fields: Record<string, string[]>) {
  return new AppError('VALIDATION_FAILED', `以下字段有误：${Object.keys(fields).join(', ')}`, fields);
}

/**
 * 422 with a field map, like brocoders' validation-options. Unknown fields are refused, not silently dropped; so is
 * `null` in a field that does not say it takes one.
 */
class AppValidationPipe extends ValidationPipe {
  async transform(value: unknown, metadata: ArgumentMetadata) {
    const dto = metadata.metatype;
    if (metadata.type === 'body' && typeof dto === 'function' && dto !== Object && value && typeof value === 'object') {
      const nulls = refusedNulls(value, dto as DtoClass);
      if (Object.keys(nulls).length) throw refusal(nulls);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe() {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => refusal(collect(errors)),
  });
}

import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './errors/app-error';

function collect(errors: ValidationError[], prefix = '', out: Record<string, string[]> = {}) {
  for (const e of errors) {
    const key = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[key] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, key, out);
  }
  return out;
}

/** 422 with a field map, like brocoders' validation-options. Unknown fields are refused, not silently dropped. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      const names = Object.keys(fields).join(', ');
      return new AppError('VALIDATION_FAILED', `以下字段有误：${names}`, fields);
    },
  });
}

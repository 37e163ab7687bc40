import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { PartialType } from '@nestjs/swagger';
import { AppError } from './errors/app-error';
import { assertJsonWithinLimits, MAX_JSON_DEPTH } from './json-limits';
import { createValidationPipe, NULL_REFUSED, refusedNulls } from './validation';
import { Nullable } from './validators';

class Question {
  @IsString() label: string;
  @IsOptional() @IsString() hint?: string;
}
class Create {
  @IsString() title: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsInt() minutes?: number;
  @Nullable() @IsOptional() @IsInt() coverId?: number | null;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Question) questions?: Question[];
}
class Update extends PartialType(Create) {}

const body = (metatype: abstract new () => unknown, value: unknown) => createValidationPipe().transform(value, { type: 'body', metatype: metatype as any });

describe('null in a body', () => {
  it('should refuse null in an optional field with a 422 naming the field', async () => {
    const err: AppError = await body(Update, { description: null, minutes: null }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toEqual({ description: [NULL_REFUSED], minutes: [NULL_REFUSED] });
  });

  it('should let null through where the field says it takes one, also through PartialType', async () => {
    await expect(body(Create, { title: 't', coverId: null })).resolves.toMatchObject({ coverId: null });
    await expect(body(Update, { coverId: null })).resolves.toMatchObject({ coverId: null });
  });

  it('should find nulls inside nested DTOs and arrays of them', () => {
    expect(refusedNulls({ title: 't', questions: [{ label: 'a', hint: null }, null] }, Create)).toEqual({ 'questions.0.hint': [NULL_REFUSED], 'questions.1': [NULL_REFUSED] });
  });

  it('should still accept a body without nulls', async () => {
    await expect(body(Update, { description: '说明', minutes: 30 })).resolves.toMatchObject({ description: '说明', minutes: 30 });
  });
});

describe('JSON limits', () => {
  const nest = (levels: number) => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i++) v = { a: v };
    return v;
  };
  it('should refuse a body nested deeper than the limit, with a 400 code and without recursing', () => {
    expect(() => assertJsonWithinLimits(nest(MAX_JSON_DEPTH))).not.toThrow();
    for (const levels of [MAX_JSON_DEPTH + 1, 200_000]) {
      const err = (() => {
        try {
          assertJsonWithinLimits(nest(levels));
        } catch (e) {
          return e as AppError;
        }
      })();
      expect(err?.code).toBe('REQUEST_TOO_DEEP');
      expect(err?.message).toContain('嵌套太深');
    }
  });
  it('should refuse a body with too many values', () => {
    expect(() => assertJsonWithinLimits({ list: Array.from({ length: 30_000 }, (_, i) => i) })).toThrow(expect.objectContaining({ code: 'REQUEST_TOO_LARGE' }));
    expect(() => assertJsonWithinLimits({ list: [1, 2, 3] })).not.toThrow();
  });
});

import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** `:id` route parameter, validated as a positive integer so "abc" gets a 422 and never reaches SQL. */
export class IdParam {
  @Type(() => Number) @IsInt({ message: 'id 须为正整数' }) @Min(1) @Max(2_147_483_647) id: number;
}

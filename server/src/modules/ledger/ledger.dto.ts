import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsHundredths } from '../../common/validators';

export class LedgerCommunityQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '社区须为编号' }) @Min(1) @Max(2_147_483_647) communityId?: number;
}

export class CursorQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: 'cursor 无效' }) @Min(1) cursor?: number;
}

/** No `token`: the record is downloaded with the Authorization header, never with a login token in the URL. */
export class ExportQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '志愿者须为编号' }) @Min(1) @Max(2_147_483_647) userId?: number;
}

export class VolunteersQuery {
  @IsOptional() @IsString() @Length(1, 20, { message: '搜索姓名须为 1–20 个字' }) q?: string;
  @IsOptional() @Type(() => Number) @IsInt({ message: '社区须为编号' }) @Min(1) @Max(2_147_483_647) communityId?: number;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'cursor 无效' }) @Min(1) cursor?: number;
}

export class CorrectionDto {
  @ApiProperty() @IsInt({ message: '志愿记录须为编号' }) @Min(1, { message: '志愿记录须为编号' }) @Max(Number.MAX_SAFE_INTEGER) entryId: number;
  @ApiProperty({ description: 'hours to add (negative to take away)' }) @IsHundredths({ message: '时长须为数字，最多两位小数' }) @Min(-1000, { message: '时长不能少于 -1000' }) @Max(1000, { message: '时长不能超过 1000' }) hours: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '积分须为整数' }) @Min(-100000) @Max(100000) points?: number;
  @ApiProperty() @IsString({ message: '更正原因须为文字' }) @Length(2, 200, { message: '更正原因须为 2–200 个字' }) reason: string;
}

export class IdNumberDto {
  @ApiProperty() @IsString({ message: '身份证号须为文字' }) @Matches(/^\s*\d{17}[\dXx]\s*$/, { message: '身份证号须为 18 位（最后一位可为 X）' }) idNumber: string;
}

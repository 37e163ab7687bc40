import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsHundredths } from '../../common/validators';

export class LedgerCommunityQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
}

export class CursorQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) cursor?: number;
}

export class ExportQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) userId?: number;
  @IsOptional() @IsString() token?: string;
}

export class CorrectionDto {
  @ApiProperty() @IsInt() @Min(1) entryId: number;
  @ApiProperty({ description: 'hours to add (negative to take away)' }) @IsHundredths({ message: '时长须为数字，最多两位小数' }) @Min(-1000) @Max(1000) hours: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-100000) @Max(100000) points?: number;
  @ApiProperty() @IsString() @Length(2, 200, { message: '更正原因须为 2–200 个字' }) reason: string;
}

export class IdNumberDto {
  @ApiProperty() @Matches(/^\d{17}[\dXx]$/, { message: '身份证号须为 18 位' }) idNumber: string;
}

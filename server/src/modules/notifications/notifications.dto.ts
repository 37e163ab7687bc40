import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class GrantDto {
  @ApiProperty({ type: [String], description: 'template ids the user accepted in wx.requestSubscribeMessage' })
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  accepted: string[];
}

export class CursorQuery {
  @IsOptional() @Matches(/^\d{1,20}$/, { message: 'cursor 须为数字' }) cursor?: string;
}

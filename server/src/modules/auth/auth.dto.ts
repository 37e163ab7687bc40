import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { DEMO_PERSONAS } from './demo-personas';

export class WechatLoginDto {
  @ApiProperty({ description: 'code from wx.login' }) @IsString() @Length(1, 128) code: string;
}

export class PhoneDto {
  @ApiProperty({ description: 'code from <button open-type="getPhoneNumber">' }) @IsString() @Length(1, 128) code: string;
}

export class PasswordLoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(128) password: string;
}

export class DemoLoginDto {
  @ApiProperty({ enum: DEMO_PERSONAS.map((p) => p.key) })
  @IsIn(DEMO_PERSONAS.map((p) => p.key), { message: `persona 须为 ${DEMO_PERSONAS.map((p) => p.key).join(' / ')}` })
  persona: string;
}

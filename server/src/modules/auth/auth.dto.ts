import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validators';
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

/** 完善资料: what everyone gives once. The phone is not here: it comes verified from getPhoneNumber (`POST /auth/phone`). */
export class UpdateProfileDto {
  @ApiPropertyOptional({ description: 'the name others see' })
  @IsOptionalNotNull()
  @IsString({ message: '请填写称呼' })
  @Length(1, 20, { message: '称呼须为 1–20 个字' })
  @Matches(/\S/, { message: '请填写称呼' })
  name?: string;
  @ApiPropertyOptional({ description: 'the community a resident lives in' })
  @IsOptionalNotNull()
  @IsInt({ message: '所在社区须为整数编号' })
  @Min(1)
  @Max(2_147_483_647)
  communityId?: number;
  @ApiPropertyOptional({ description: '楼栋门牌, e.g. 12幢302' }) @IsOptionalNotNull() @IsString() @Length(0, 50, { message: '楼栋门牌不超过 50 个字' }) building?: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refreshToken from the last sign-in or renewal; used once' })
  @IsString({ message: '缺少续期凭证' })
  @Length(1, 128, { message: '续期凭证格式有误' })
  refreshToken: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'the refreshToken of the sign-in to end' })
  @IsOptionalNotNull()
  @IsString({ message: '续期凭证格式有误' })
  @Length(1, 128, { message: '续期凭证格式有误' })
  refreshToken?: string;
}

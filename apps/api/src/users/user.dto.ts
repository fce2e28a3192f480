import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@lib/contracts';
import { CourierProfileDto } from '../couriers/courier.dto';

const memberRoles = ['coop_admin', 'dispatcher', 'courier', 'merchant'] as const;
export type MemberRole = (typeof memberRoles)[number];
const phonePattern = /^\+?[0-9 ().-]{6,32}$/;

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: 8 }) @IsString() @Length(8, 200) password: string;
  @ApiProperty() @IsString() @Length(1, 120) name: string;
  @ApiProperty({ enum: memberRoles }) @IsIn(memberRoles) role: MemberRole;
  @ApiPropertyOptional() @IsOptional() @Matches(phonePattern, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional({ description: 'platform admins only: the cooperative to add the user to' }) @IsOptional() @IsUUID() cooperativeId?: string;
  @ApiPropertyOptional({ description: 'required for role "merchant"' }) @IsOptional() @IsUUID() merchantId?: string;
  @ApiPropertyOptional({ type: CourierProfileDto, description: 'for role "courier": creates the courier profile too' })
  @IsOptional() @ValidateNested() @Type(() => CourierProfileDto) courier?: CourierProfileDto;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(phonePattern, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(8, 200) password?: string;
}

export class UserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: memberRoles }) @IsOptional() @IsIn(memberRoles) role?: MemberRole;
}

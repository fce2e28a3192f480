import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { LatLngDto } from '@lib/contracts';

export class CreateMerchantDto {
  @ApiProperty({ example: 'Pizzeria du Marché' }) @IsString() @Length(1, 160) name: string;
  @ApiProperty({ example: '12 place des Clercs, Valence' }) @IsString() @Length(1, 300) address: string;
  @ApiProperty({ type: LatLngDto }) @IsObject() @ValidateNested() @Type(() => LatLngDto) location: LatLngDto;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\+?[0-9 ().-]{6,32}$/, { message: 'phone must be a phone number' }) phone?: string;
}

export class UpdateMerchantDto extends PartialType(CreateMerchantDto) {}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { MultiPolygon, Polygon } from 'geojson';
import { IsGeoJsonArea } from '@lib/contracts';
import { POSITION_RETENTION_DAYS } from '@lib/database';

export class SizeSurchargeDto {
  @IsInt() @Min(0) S: number;
  @IsInt() @Min(0) M: number;
  @IsInt() @Min(0) L: number;
}

export class PricingDto {
  @ApiPropertyOptional({ description: 'minor units' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) baseFee?: number;
  @ApiPropertyOptional({ description: 'minor units per bike kilometre' }) @IsOptional() @IsInt() @Min(0) @Max(100_000) perKm?: number;
  @ApiPropertyOptional({ type: SizeSurchargeDto }) @IsOptional() @ValidateNested() @Type(() => SizeSurchargeDto) sizeSurcharge?: SizeSurchargeDto;
}

export class CooperativeSettingsDto {
  @ApiPropertyOptional({ enum: ['auto', 'manual'] }) @IsOptional() @IsIn(['auto', 'manual']) dispatchMode?: 'auto' | 'manual';
  @ApiPropertyOptional({ minimum: 5, maximum: 600 }) @IsOptional() @IsInt() @Min(5) @Max(600) offerTimeoutSeconds?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 50 }) @IsOptional() @IsInt() @Min(1) @Max(50) maxOffersPerOrder?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 60, description: 'extra minutes per order the co-op accepts to even out pay between couriers (0 = off)' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(60) fairnessWeight?: number;
  @ApiPropertyOptional({ enum: ['order-earnings', 'guaranteed-pay'], description: 'what the fairness term evens out (default order-earnings)' })
  @IsOptional() @IsIn(['guaranteed-pay', 'order-earnings']) fairnessTarget?: 'guaranteed-pay' | 'order-earnings';
  @ApiPropertyOptional({ minimum: 0, description: 'guaranteed hourly pay, minor units (0 = none)' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000) guaranteedHourlyPay?: number;
  @ApiPropertyOptional({ type: PricingDto }) @IsOptional() @ValidateNested() @Type(() => PricingDto) pricing?: PricingDto;
  @ApiPropertyOptional({
    minimum: POSITION_RETENTION_DAYS.min, maximum: POSITION_RETENTION_DAYS.max, default: POSITION_RETENTION_DAYS.default,
    description: 'days of courier position history kept; older points are deleted by an hourly job',
  })
  @IsOptional() @IsInt() @Min(POSITION_RETENTION_DAYS.min) @Max(POSITION_RETENTION_DAYS.max) positionRetentionDays?: number;
}

export class CreateCooperativeDto {
  @ApiProperty({ example: 'Coursiers de Valence' }) @IsString() @Length(2, 120) name: string;
  @ApiProperty({ example: 'valence' }) @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'slug must be lowercase letters, digits and dashes' }) slug: string;
  @ApiProperty({ example: 'Europe/Paris' }) @IsString() @MaxLength(64) timezone: string;
  @ApiProperty({ example: 'EUR' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency: string;
  @ApiProperty({ description: 'GeoJSON Polygon or MultiPolygon ([lng, lat])' }) @IsObject() @IsGeoJsonArea() serviceArea: Polygon | MultiPolygon;
  @ApiPropertyOptional({ type: CooperativeSettingsDto }) @IsOptional() @ValidateNested() @Type(() => CooperativeSettingsDto) settings?: CooperativeSettingsDto;
}

export class UpdateCooperativeDto extends PartialType(CreateCooperativeDto) {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import type { MultiPolygon, Polygon } from 'geojson';
import { IsGeoJsonArea } from '@lib/contracts';

export class PartnershipTermsDto {
  @ApiPropertyOptional({ description: 'GeoJSON Polygon or MultiPolygon ([lng, lat]) where overflow may go; default: the overlap of both service areas' })
  @IsOptional()
  @IsObject()
  @IsGeoJsonArea()
  area?: Polygon | MultiPolygon;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.8, description: "the carrying co-op's share of a shared order's price" })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  shareOfPrice: number;

  @ApiProperty({ minimum: 0, maximum: 100000, example: 20, description: "orders a co-op carries for the other per day (the carrier's local day)" })
  @IsInt()
  @Min(0)
  @Max(100_000)
  maxOrdersPerDay: number;
}

export class ProposePartnershipDto {
  @ApiProperty({ description: 'the partner co-op (ids in GET /api/v1/cooperatives)' })
  @IsUUID()
  partnerCooperativeId: string;

  @ApiProperty({ type: PartnershipTermsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PartnershipTermsDto)
  terms: PartnershipTermsDto;
}

export class StatementQueryDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'start of the period (inclusive), ISO 8601; default: when the partnership was proposed' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-02T00:00:00Z', description: 'end of the period (exclusive), ISO 8601; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

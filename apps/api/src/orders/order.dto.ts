import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { LatLngDto, PageQueryDto } from '@lib/contracts';
import { orderStatuses, OrderStatus, ParcelSize } from '@lib/database';

const phonePattern = /^\+?[0-9 ().-]{6,32}$/;

export class StopDto {
  @ApiProperty({ example: '5 rue Madier de Montjau, Valence' }) @IsString() @Length(1, 300) address: string;
  @ApiProperty({ type: LatLngDto }) @IsObject() @ValidateNested() @Type(() => LatLngDto) location: LatLngDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(phonePattern, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) notes?: string;
}

export class ParcelDto {
  @ApiProperty({ enum: ['S', 'M', 'L'] }) @IsIn(['S', 'M', 'L']) size: ParcelSize;
  @ApiPropertyOptional({ minimum: 0, maximum: 150 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(150) weightKg?: number;
}

export class CreateOrderDto {
  @ApiPropertyOptional({ type: StopDto, description: "defaults to the merchant's own address and location" })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => StopDto) pickup?: StopDto;
  @ApiProperty({ type: StopDto }) @IsObject() @ValidateNested() @Type(() => StopDto) dropoff: StopDto;
  @ApiPropertyOptional({ description: 'when the parcel is ready; defaults to now' }) @IsOptional() @IsISO8601({ strict: true }) readyAt?: string;
  @ApiPropertyOptional({ description: 'latest acceptable delivery time' }) @IsOptional() @IsISO8601({ strict: true }) deliverBy?: string;
  @ApiPropertyOptional({ type: ParcelDto, description: 'defaults to { size: "S" }' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ParcelDto) parcel?: ParcelDto;
  @ApiPropertyOptional({ description: "the merchant's own id for the order" }) @IsOptional() @IsString() @MaxLength(100) reference?: string;
  @ApiPropertyOptional({ description: 'dispatchers and co-op admins: the merchant the order is for' }) @IsOptional() @IsUUID() merchantId?: string;
}

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: orderStatuses }) @IsOptional() @IsIn(orderStatuses) status?: OrderStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() merchantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() courierId?: string;
}

export class CancelOrderDto {
  @ApiProperty({ example: 'customer called to cancel' }) @IsString() @Length(1, 500) reason: string;
}

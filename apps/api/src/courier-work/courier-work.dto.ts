import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export class DeclineOfferDto {
  @ApiPropertyOptional({ example: 'too far' }) @IsOptional() @IsString() @Length(1, 300) reason?: string;
}

export class ProofDto {
  @ApiProperty({ enum: ['pin', 'signature', 'photo'] }) @IsIn(['pin', 'signature', 'photo']) type: 'pin' | 'signature' | 'photo';
  @ApiProperty({ description: 'the PIN the customer gave, a signature image reference, or a photo reference' })
  @IsString() @Length(1, 2000) value: string;
}

export class DeliverOrderDto {
  @ApiPropertyOptional({ type: ProofDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ProofDto) proof?: ProofDto;
}

export class FailOrderDto {
  @ApiProperty({ example: 'nobody at the address' }) @IsString() @Length(1, 500) reason: string;
}

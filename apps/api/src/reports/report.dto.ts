import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CourierReportQueryDto {
  @ApiPropertyOptional({ description: "a local date (YYYY-MM-DD, the co-op's zone) or an ISO-8601 time with a zone; default: today", example: '2026-11-23' })
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @ApiPropertyOptional({ description: 'a local date (included whole) or an ISO-8601 time (excluded); default: the end of from\'s day. At most 366 days after from', example: '2026-11-29' })
  @IsOptional() @IsString() @MaxLength(40) to?: string;
}

class MoneyDoc {
  @ApiProperty({ description: 'minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

class CourierReportRowDoc {
  @ApiProperty({ format: 'uuid' }) courierId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'orders delivered in the period (by the time of delivery)' }) jobs: number;
  @ApiProperty({ description: "sum of the delivered orders' pickup→dropoff route distances (the distance pricing uses), metres" }) distanceMeters: number;
  @ApiProperty({ description: 'time on shift within the period (shift log clipped to it; an open shift counts up to now)' }) shiftSeconds: number;
  @ApiProperty({ type: MoneyDoc, description: "the co-op's pay rule: delivered orders' prices, topped up per local day to guaranteedHourlyPay × hours on shift" }) earnings: MoneyDoc;
  @ApiProperty({ type: MoneyDoc, description: "the delivered orders' prices alone" }) orderEarnings: MoneyDoc;
  @ApiProperty({ description: 'offers made in the period that the courier declined' }) offersDeclined: number;
  @ApiProperty({ description: 'offers made in the period that the courier let expire' }) offersExpired: number;
}

class CourierReportGiniDoc {
  @ApiProperty({ description: 'Gini of delivered jobs per shift-hour over couriers with time on shift (0 = even)' }) jobsPerShiftHour: number;
  @ApiProperty({ description: 'Gini of earnings per shift-hour, the figure the dispatch lab measures' }) earningsPerShiftHour: number;
}

export class CourierReportDoc {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'exclusive' }) to: string;
  @ApiProperty({ example: 'Europe/Paris' }) timezone: string;
  @ApiProperty({ type: [CourierReportRowDoc] }) couriers: CourierReportRowDoc[];
  @ApiProperty({ type: CourierReportGiniDoc, description: "the whole co-op's, also for a courier who sees only its own row" }) gini: CourierReportGiniDoc;
}

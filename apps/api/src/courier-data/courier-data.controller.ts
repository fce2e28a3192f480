import { Controller, Get, Logger, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { CourierData } from './courier-data.service';

@ApiTags('couriers')
@ApiBearerAuth()
@Controller('api/v1/couriers/me/data')
export class CourierDataController {
  private readonly logger = new Logger(CourierDataController.name);

  constructor(private readonly data: CourierData) {}

  @Get()
  @Roles('courier')
  @ApiOperation({
    summary: 'Download everything stored about me',
    description:
      'One JSON document, sent as a download (`Content-Disposition: attachment`): `profile` (courier and user records, co-op), ' +
      '`shifts` (the shift log), `jobs` (orders I held, with their status history; customers\' names, phones and PINs left out), ' +
      '`offers` (every offer made to me and how it ended) and `positions` (my position history, oldest first, streamed; only ever ' +
      'stored while on shift, kept for the co-op\'s `positionRetentionDays`).',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: '{ exportedAt, profile, shifts, jobs, offers, positions }' })
  async download(@CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    const courierId = await this.data.courierIdOf(principal);
    response.status(200);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="courier-data-${courierId}.json"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      await this.data.write(courierId, response);
      response.end();
    } catch (error) {
      // Headers are gone: the only honest signal left is a broken download, never a truncated "valid" one.
      this.logger.warn({ err: error }, 'courier data download broken off');
      response.destroy();
    }
  }
}

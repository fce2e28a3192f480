import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import type { CourierReportView } from '@lib/wire';
import { courierReportCsv } from './courier-report.csv';
import { CourierReport } from './courier-report.service';
import { CourierReportDoc, CourierReportQueryDto } from './report.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly report: CourierReport) {}

  @Get('couriers')
  @Roles('coop_admin', 'dispatcher', 'courier')
  @ApiOperation({
    summary: "Members' fairness report: each courier's jobs, distance, time on shift, earnings and offers, with the co-op's Gini",
    description:
      'coop_admin and dispatcher see every member of the co-op (idle ones with zeros); a courier gets its own row only, with the ' +
      "whole co-op's Gini. With `Accept: text/csv` the rows as CSV (a header row, RFC 4180 quoting, money in minor units with a " +
      'currency column); the Gini then comes in the `X-Gini-Jobs-Per-Shift-Hour` and `X-Gini-Earnings-Per-Shift-Hour` headers. ' +
      'Definitions: see the README ("Fairness report").',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CourierReportDoc })
  async couriers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: CourierReportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CourierReportView | string> {
    const view = await this.report.forPrincipal(principal, query);
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return view;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="couriers-${view.from.slice(0, 10)}-${view.to.slice(0, 10)}.csv"`);
    response.setHeader('X-Gini-Jobs-Per-Shift-Hour', String(view.gini.jobsPerShiftHour));
    response.setHeader('X-Gini-Earnings-Per-Shift-Hour', String(view.gini.earningsPerShiftHour));
    return courierReportCsv(view.couriers);
  }
}

import { Module } from '@nestjs/common';
import { CourierReport } from './courier-report.service';
import { ReportsController } from './reports.controller';

/** `GET /api/v1/reports/couriers`: the members' fairness report. */
@Module({ controllers: [ReportsController], providers: [CourierReport] })
export class ReportsModule {}

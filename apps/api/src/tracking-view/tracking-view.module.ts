import { Module } from '@nestjs/common';
import { PositionsModule } from '@lib/positions';
import { TrackingViewController } from './tracking-view.controller';
import { TrackingView } from './tracking-view.service';

@Module({ imports: [PositionsModule], controllers: [TrackingViewController], providers: [TrackingView] })
export class TrackingViewModule {}

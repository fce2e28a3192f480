import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@lib/auth';
import { ProblemError } from '@lib/http';
import { TrackingView } from './tracking-view.service';

const tokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

@ApiTags('tracking')
@Controller('api/v1/track')
export class TrackingViewController {
  constructor(private readonly tracking: TrackingView) {}

  @Get(':token')
  @Public()
  // Tokens are unguessable; the limit keeps anyone from trying.
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  @ApiOperation({ summary: "A customer's view of one order, by its tracking token (no login)" })
  view(@Param('token') token: string) {
    if (!tokenPattern.test(token)) throw ProblemError.notFound('Tracked order');
    return this.tracking.view(token);
  }
}

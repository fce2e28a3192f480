import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { ProblemError } from '@lib/http';
import { UuidParam } from '../common/uuid-param.pipe';
import { OrderCancellation } from './order-cancellation.service';
import { OrderDrafts } from './order-draft.service';
import { OrderIntake } from './order-intake.service';
import { OrderQueries } from './order-queries.service';
import { CancelOrderDto, CreateOrderDto, OrderListQueryDto } from './order.dto';

const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

@ApiTags('orders')
@ApiBearerAuth()
@ApiSecurity('merchant-api-key')
@Controller('api/v1/orders')
export class OrdersController {
  constructor(
    private readonly intake: OrderIntake,
    private readonly drafts: OrderDrafts,
    private readonly queries: OrderQueries,
    private readonly cancellation: OrderCancellation,
  ) {}

  @Post()
  @Roles('merchant', 'dispatcher', 'coop_admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'required for merchants; same key and body within 24 h replays the first response' })
  @ApiOperation({ summary: 'Place a delivery order' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
      throw ProblemError.invalid([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const stored = await this.intake.create(principal, body, idempotencyKey);
    // The stored bytes are sent as they are, so a replay is identical to the first answer.
    response.status(stored.status).type('application/json');
    return stored.body;
  }

  @Post('quote')
  @Roles('merchant', 'dispatcher', 'coop_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Price and ETA for an order, creating nothing' })
  async quote(@CurrentPrincipal() principal: Principal, @Body() body: CreateOrderDto) {
    const draft = await this.drafts.draft(principal, body);
    return {
      price: draft.price,
      distanceMeters: draft.distanceMeters,
      estimatedPickupAt: draft.estimatedPickupAt.toISOString(),
      estimatedDeliveryAt: draft.estimatedDeliveryAt.toISOString(),
    };
  }

  @Get()
  @Roles('merchant', 'dispatcher', 'coop_admin', 'courier')
  @ApiOperation({ summary: 'Orders visible to the caller, newest first' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: OrderListQueryDto) {
    return this.queries.list(principal, { status: query.status, merchantId: query.merchantId, courierId: query.courierId }, query);
  }

  @Get(':id')
  @Roles('merchant', 'dispatcher', 'coop_admin', 'courier')
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.queries.get(principal, id);
  }

  @Post(':id/cancel')
  @Roles('merchant', 'dispatcher', 'coop_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel (merchants before pickup, dispatchers before delivery)' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: CancelOrderDto) {
    return this.cancellation.cancel(principal, id, body.reason);
  }
}

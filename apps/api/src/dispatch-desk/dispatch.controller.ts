import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { DispatchDecisionsRepository, OffersRepository } from '@lib/database';
import { UuidParam } from '../common/uuid-param.pipe';
import { OrderQueries } from '../orders/order-queries.service';
import { DispatchBoard } from './dispatch-board.service';
import { DispatcherActions } from './dispatcher-actions.service';
import { AssignOrderDto } from './dispatch-desk.dto';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('api/v1')
export class DispatchController {
  constructor(
    private readonly actions: DispatcherActions,
    private readonly board: DispatchBoard,
    private readonly queries: OrderQueries,
    private readonly decisions: DispatchDecisionsRepository,
    private readonly offers: OffersRepository,
  ) {}

  @Post('orders/:id/assign')
  @Roles('dispatcher', 'coop_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Assign a waiting order to a courier directly (no offer)' })
  async assign(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: AssignOrderDto) {
    return (await this.queries.present([await this.actions.assign(principal, id, body.courierId)]))[0];
  }

  @Post('orders/:id/unassign')
  @Roles('dispatcher', 'coop_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Take an assigned order back; it waits for dispatch again' })
  async unassign(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return (await this.queries.present([await this.actions.unassign(principal, id)]))[0];
  }

  @Get('orders/:id/dispatch-log')
  // Co-op members only: the log compares couriers, which is the co-op's business, not a shop's.
  @Roles('dispatcher', 'coop_admin', 'courier')
  @ApiOperation({ summary: 'Why the order went to whom: every decision with the candidates and their scores' })
  async dispatchLog(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    await this.queries.visible(principal, id);
    const decisions = await this.decisions.ofOrder(id);
    const offers = await this.offers.ofOrder(id);
    return {
      orderId: id,
      decisions: decisions.map((decision) => ({ ...decision, decidedAt: decision.decidedAt.toISOString() })),
      offers: offers.map((offer) => ({
        ...offer,
        createdAt: offer.createdAt.toISOString(),
        expiresAt: offer.expiresAt.toISOString(),
        respondedAt: offer.respondedAt?.toISOString() ?? null,
      })),
    };
  }

  @Get('dispatch/board')
  @Roles('dispatcher', 'coop_admin')
  @ApiOperation({
    summary: 'Couriers with positions and active orders, plus every open order',
    description:
      "Open orders include those a partner co-op handed to this one (overflow). `partnerCouriers` lists partner co-ops' couriers " +
      "holding this co-op's orders (id, co-op, latest position, the orders they hold), only while they hold them.",
  })
  getBoard() {
    return this.board.board();
  }
}

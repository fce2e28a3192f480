import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { UuidParam } from '../common/uuid-param.pipe';
import { OrderQueries } from '../orders/order-queries.service';
import { CourierIdentity } from './courier-identity.service';
import { DeliverOrderDto, FailOrderDto } from './courier-work.dto';
import { OrderProgress } from './order-progress.service';

/** The courier's steps on an order it holds. Someone else's order is a 404. */
@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrderProgressController {
  constructor(
    private readonly progress: OrderProgress,
    private readonly couriers: CourierIdentity,
    private readonly queries: OrderQueries,
  ) {}

  @Post(':id/pickup')
  @Roles('courier')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'I collected the parcel' })
  async pickup(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.present(await this.progress.pickUp(id, await this.couriers.idOf(principal)));
  }

  @Post(':id/deliver')
  @Roles('courier')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'I handed the parcel over (PIN, signature or photo as proof)' })
  async deliver(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: DeliverOrderDto) {
    return this.present(await this.progress.deliver(id, await this.couriers.idOf(principal), body.proof ?? null));
  }

  @Post(':id/fail')
  @Roles('courier')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'I could not deliver, with the reason' })
  async fail(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: FailOrderDto) {
    return this.present(await this.progress.fail(id, await this.couriers.idOf(principal), body.reason));
  }

  private async present(order: Parameters<OrderQueries['present']>[0][number]) {
    return (await this.queries.present([order]))[0];
  }
}

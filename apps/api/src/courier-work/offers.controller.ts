import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { OfferLifecycle } from '@lib/dispatch';
import { UuidParam } from '../common/uuid-param.pipe';
import { OrderQueries } from '../orders/order-queries.service';
import { DeclineOfferDto } from './courier-work.dto';
import { CourierIdentity } from './courier-identity.service';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('api/v1/offers')
export class OffersController {
  constructor(
    private readonly offers: OfferLifecycle,
    private readonly couriers: CourierIdentity,
    private readonly queries: OrderQueries,
  ) {}

  @Post(':id/accept')
  @Roles('courier')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Accept an offer: the order is assigned to me (409 if it expired, was withdrawn or taken)' })
  async accept(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    const order = await this.offers.accept(id, await this.couriers.idOf(principal));
    return (await this.queries.present([order]))[0];
  }

  @Post(':id/decline')
  @Roles('courier')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Decline an offer; dispatch moves on to the next courier' })
  async decline(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: DeclineOfferDto) {
    await this.offers.decline(id, await this.couriers.idOf(principal), body.reason ?? null);
    return { offerId: id, status: 'declined' };
  }
}

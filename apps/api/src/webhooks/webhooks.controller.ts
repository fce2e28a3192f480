import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { PageQueryDto } from '@lib/contracts';
import { WebhookSubscription } from '@lib/database';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateWebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

const present = (subscription: WebhookSubscription) => ({ ...subscription, createdAt: subscription.createdAt.toISOString() });

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiSecurity('merchant-api-key')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Roles('coop_admin', 'merchant')
  @ApiOperation({
    summary: 'Subscribe a URL to order events; the signing secret is shown only here',
    description:
      'The URL must lead to the public internet: a loopback, private, link-local, carrier-grade NAT, cloud metadata or ' +
      'other non-public address, given literally (in any spelling, IPv4-mapped IPv6 included) or as a name that resolves ' +
      'to one, is refused, and so is a name that does not resolve. Deliveries check again at connect time, so a name ' +
      'that later resolves to such an address is refused then (`destination refused` in the attempt log). A deployment ' +
      'with `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true` accepts private destinations.',
  })
  @ApiBadRequestResponse({
    description:
      'application/problem+json `invalid_input`: an unknown event, a URL that is not http(s), or one that does not lead to a ' +
      'public address, with the reason in `errors[{ field: "url", message }]` (e.g. "127.0.0.1 is not a public address ' +
      '(loopback)", "localhost resolves to 127.0.0.1, not a public address (loopback)"). Nothing is stored.',
  })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookDto) {
    const { subscription, secret } = await this.webhooks.subscribe(principal, body);
    return { ...present(subscription), secret };
  }

  @Get()
  @Roles('coop_admin', 'merchant')
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: (await this.webhooks.list(principal)).map(present), nextCursor: null };
  }

  @Delete(':id')
  @Roles('coop_admin', 'merchant')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    await this.webhooks.deactivate(principal, id);
  }

  @Get(':id/deliveries')
  @Roles('coop_admin', 'merchant')
  @ApiOperation({ summary: 'Deliveries of a subscription with every attempt (status code, error, duration)' })
  async deliveries(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto) {
    const result = await this.webhooks.deliveries(principal, id, page);
    return {
      items: result.items.map((delivery) => ({
        ...delivery,
        createdAt: delivery.createdAt.toISOString(),
        deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
        attemptLog: delivery.attemptLog.map((attempt) => ({ ...attempt, at: attempt.at.toISOString() })),
      })),
      nextCursor: result.nextCursor,
    };
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { PageQueryDto } from '@lib/contracts';
import { UuidParam } from '../common/uuid-param.pipe';
import { ProposePartnershipDto, StatementQueryDto } from './partnership.dto';
import { PartnershipsService } from './partnerships.service';

const notFound = 'application/problem+json: no such partnership, or one the caller\'s co-op is not a party to (never 403: existence is not revealed)';

@ApiTags('partnerships')
@ApiBearerAuth()
@Controller('api/v1/partnerships')
export class PartnershipsController {
  constructor(private readonly partnerships: PartnershipsService) {}

  @Post()
  @Roles('coop_admin')
  @ApiOperation({
    summary: "Propose to take each other's overflow (status proposed)",
    description:
      'Terms: `area` (GeoJSON Polygon or MultiPolygon; default the overlap of both service areas), `shareOfPrice` (0..1, the carrying ' +
      "co-op's share of a shared order's price), `maxOrdersPerDay` (orders a co-op carries for the other per day, in the carrier's " +
      'local day). Both co-ops must price in the same currency. The partner\'s coop_admin answers with accept or decline.',
  })
  @ApiBadRequestResponse({ description: 'application/problem+json `invalid_input` with field errors; nothing is stored' })
  @ApiConflictResponse({ description: '`partnership_exists`: a partnership between these co-ops is already proposed or active' })
  @ApiUnprocessableEntityResponse({ description: '`no_overlap` (no area given and the service areas do not overlap) or `currency_mismatch`' })
  propose(@CurrentPrincipal() principal: Principal, @Body() body: ProposePartnershipDto) {
    return this.partnerships.propose(principal, body);
  }

  @Get()
  @Roles('coop_admin', 'dispatcher')
  @ApiOperation({ summary: "The co-op's partnerships, proposed by it or to it, with their logs; newest first" })
  list(@Query() page: PageQueryDto) {
    return this.partnerships.list(page);
  }

  @Get(':id')
  @Roles('coop_admin', 'dispatcher')
  @ApiOperation({ summary: 'A partnership with its log (proposal and every answer)' })
  @ApiNotFoundResponse({ description: notFound })
  get(@Param('id', UuidParam) id: string) {
    return this.partnerships.get(id);
  }

  @Post(':id/accept')
  @Roles('coop_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "The partner's admin accepts a proposal: overflow may flow both ways from now on" })
  @ApiForbiddenResponse({ description: '`not_the_partner`: the proposing co-op cannot answer its own proposal (and only coop_admin may)' })
  @ApiConflictResponse({ description: '`illegal_transition`: the partnership is no longer proposed' })
  @ApiNotFoundResponse({ description: notFound })
  accept(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.partnerships.move(principal, id, 'accept');
  }

  @Post(':id/decline')
  @Roles('coop_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "The partner's admin declines a proposal" })
  @ApiForbiddenResponse({ description: '`not_the_partner`: the proposing co-op cannot answer its own proposal' })
  @ApiConflictResponse({ description: '`illegal_transition`: the partnership is no longer proposed' })
  @ApiNotFoundResponse({ description: notFound })
  decline(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.partnerships.move(principal, id, 'decline');
  }

  @Post(':id/revoke')
  @Roles('coop_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Either side ends a proposed or active partnership',
    description: 'No order is handed over after this; orders already carried by the partner are finished by it (and accounted).',
  })
  @ApiConflictResponse({ description: '`illegal_transition`: already declined or revoked' })
  @ApiNotFoundResponse({ description: notFound })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.partnerships.move(principal, id, 'revoke');
  }

  @Get(':id/statement')
  @Roles('coop_admin')
  @ApiOperation({
    summary: 'Delivered shared orders in [from, to) and what is owed for them, identical for both co-ops',
    description:
      "Each line: the order, its owner and carrier co-ops, when it was delivered, its price and the carrier's share " +
      '(`price × shareOfPrice` in integer minor units, rounded half away from zero, fixed at delivery). Totals are exact ' +
      'integer sums of the lines, overall and per carrying co-op, in the currency both co-ops price in.',
  })
  @ApiBadRequestResponse({ description: '`invalid_input`: from or to not ISO 8601, or to not after from' })
  @ApiNotFoundResponse({ description: notFound })
  statement(@Param('id', UuidParam) id: string, @Query() query: StatementQueryDto) {
    return this.partnerships.statement(id, query);
  }
}

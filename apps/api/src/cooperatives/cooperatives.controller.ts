import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { PageQueryDto } from '@lib/contracts';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateCooperativeDto, UpdateCooperativeDto } from './cooperative.dto';
import { presentCooperative } from './cooperative.presenter';
import { CooperativesService } from './cooperatives.service';

@ApiTags('cooperatives')
@ApiBearerAuth()
@Controller('api/v1/cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  @Post()
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Create a cooperative with its service area' })
  async create(@Body() body: CreateCooperativeDto) {
    return presentCooperative(await this.cooperatives.create(body));
  }

  @Get()
  @Roles('platform_admin', 'coop_admin')
  @ApiOperation({
    summary: 'List cooperatives',
    description: "A platform admin gets every co-op in full; a co-op admin gets every co-op's `id`, `name` and `slug` only (to find a partner co-op).",
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto) {
    if (principal.role !== 'platform_admin') return this.cooperatives.directory(query);
    const page = await this.cooperatives.list(query);
    return { items: page.items.map(presentCooperative), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('platform_admin', 'coop_admin', 'dispatcher', 'courier', 'merchant')
  @ApiOperation({ summary: "A cooperative; members see only their own (others are 404)" })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return presentCooperative(await this.cooperatives.get(principal, id));
  }

  @Patch(':id')
  @Roles('platform_admin', 'coop_admin')
  @ApiOperation({ summary: 'Update name, area or dispatch settings' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: UpdateCooperativeDto) {
    return presentCooperative(await this.cooperatives.update(principal, id, body));
  }
}

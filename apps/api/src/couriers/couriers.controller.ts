import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { UuidParam } from '../common/uuid-param.pipe';
import { CourierListQueryDto, CreateCourierDto, ShiftDto, UpdateCourierDto } from './courier.dto';
import { presentCourier } from './courier.presenter';
import { CouriersService } from './couriers.service';

@ApiTags('couriers')
@ApiBearerAuth()
@Controller('api/v1/couriers')
export class CouriersController {
  constructor(private readonly couriers: CouriersService) {}

  @Post()
  @Roles('coop_admin')
  @ApiOperation({ summary: 'Give a courier user its courier profile' })
  async create(@Body() body: CreateCourierDto) {
    const { courier, name } = await this.couriers.create(body);
    return presentCourier(courier, name);
  }

  @Get()
  @Roles('coop_admin', 'dispatcher')
  async list(@Query() query: CourierListQueryDto) {
    const onShift = query.onShift === undefined ? undefined : query.onShift === 'true';
    const result = await this.couriers.list(query, onShift);
    return { items: result.items.map((courier) => presentCourier(courier, result.names.get(courier.id))), nextCursor: result.nextCursor };
  }

  @Get('me')
  @Roles('courier')
  async me(@CurrentPrincipal() principal: Principal) {
    return presentCourier(await this.couriers.mine(principal), principal.name);
  }

  @Put('me/shift')
  @Roles('courier')
  @ApiOperation({ summary: 'Start or end my shift, or change its planned end (only couriers on shift receive offers)' })
  async setShift(@CurrentPrincipal() principal: Principal, @Body() body: ShiftDto) {
    return presentCourier(await this.couriers.setShift(principal, body), principal.name);
  }

  @Get(':id')
  @Roles('coop_admin', 'dispatcher')
  async get(@Param('id', UuidParam) id: string) {
    return presentCourier(await this.couriers.get(id));
  }

  @Patch(':id')
  @Roles('coop_admin')
  async update(@Param('id', UuidParam) id: string, @Body() body: UpdateCourierDto) {
    return presentCourier(await this.couriers.update(id, body));
  }
}

import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './user.dto';
import { presentUser } from './user.presenter';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('coop_admin', 'platform_admin')
  @ApiOperation({ summary: 'Add a member (with a courier profile for role courier, a merchant for role merchant)' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto) {
    const { user, courier } = await this.users.create(principal, body);
    return presentUser(user, courier);
  }

  @Get()
  @Roles('coop_admin')
  @ApiOperation({ summary: "The cooperative's members" })
  async list(@Query() query: UserListQueryDto) {
    const result = await this.users.list(query, { role: query.role });
    return { items: result.items.map((user) => presentUser(user)), nextCursor: result.nextCursor };
  }

  @Get(':id')
  @Roles('coop_admin')
  async get(@Param('id', UuidParam) id: string) {
    const { user, courier } = await this.users.get(id);
    return presentUser(user, courier);
  }

  @Patch(':id')
  @Roles('coop_admin')
  async update(@Param('id', UuidParam) id: string, @Body() body: UpdateUserDto) {
    return presentUser(await this.users.update(id, body));
  }
}

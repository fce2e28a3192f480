import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Change a member; a new password also ends their sessions (tokens refused, sockets closed)' })
  async update(@Param('id', UuidParam) id: string, @Body() body: UpdateUserDto) {
    return presentUser(await this.users.update(id, body));
  }

  @Delete(':id')
  @Roles('coop_admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Deactivate a member (not in the contract): no more logins, tokens refused, sockets closed within seconds, a courier leaves its shift',
    description: 'The member stays listed with `deactivatedAt`, for the orders and shifts that name them; the e-mail stays taken. Repeating it is harmless.',
  })
  @ApiNoContentResponse({ description: 'Deactivated (or already was)' })
  @ApiConflictResponse({ description: 'An admin cannot deactivate their own account' })
  async deactivate(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<void> {
    await this.users.deactivate(principal, id);
  }
}

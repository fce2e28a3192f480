import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { PageQueryDto } from '@lib/contracts';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateMerchantDto, UpdateMerchantDto } from './merchant.dto';
import { presentApiKey, presentMerchant } from './merchant.presenter';
import { MerchantsService } from './merchants.service';

@ApiTags('merchants')
@ApiBearerAuth()
@Controller('api/v1/merchants')
export class MerchantsController {
  constructor(private readonly merchants: MerchantsService) {}

  @Post()
  @Roles('coop_admin')
  @ApiOperation({ summary: 'Add a restaurant or shop inside the service area' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateMerchantDto) {
    return presentMerchant(await this.merchants.create(principal, body));
  }

  @Get()
  @Roles('coop_admin', 'dispatcher')
  async list(@Query() page: PageQueryDto) {
    const result = await this.merchants.list(page);
    return { items: result.items.map(presentMerchant), nextCursor: result.nextCursor };
  }

  @Get(':id')
  @Roles('coop_admin', 'dispatcher', 'merchant')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return presentMerchant(await this.merchants.get(principal, id));
  }

  @Patch(':id')
  @Roles('coop_admin')
  async update(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: UpdateMerchantDto) {
    return presentMerchant(await this.merchants.update(principal, id, body));
  }

  @Post(':id/api-keys')
  @Roles('coop_admin')
  @ApiOperation({ summary: 'Create an API key for the merchant\'s systems; the key is shown only in this response' })
  async createApiKey(@Param('id', UuidParam) id: string) {
    const { record, key } = await this.merchants.createApiKey(id);
    return { ...presentApiKey(record), key };
  }

  @Get(':id/api-keys')
  @Roles('coop_admin')
  async listApiKeys(@Param('id', UuidParam) id: string) {
    return { items: (await this.merchants.listApiKeys(id)).map(presentApiKey), nextCursor: null };
  }

  @Delete(':id/api-keys/:keyId')
  @Roles('coop_admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revokeApiKey(@Param('id', UuidParam) id: string, @Param('keyId', UuidParam) keyId: string) {
    await this.merchants.revokeApiKey(id, keyId);
  }
}

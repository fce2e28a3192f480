import { Injectable } from '@nestjs/common';
import { generateApiKey, Principal } from '@lib/auth';
import { CooperativesRepository, MerchantsRepository, PageRequest } from '@lib/database';
import { LatLng, toGeoJsonPoint } from '@lib/geo';
import { ProblemError } from '@lib/http';
import { CreateMerchantDto, UpdateMerchantDto } from './merchant.dto';

@Injectable()
export class MerchantsService {
  constructor(
    private readonly merchants: MerchantsRepository,
    private readonly cooperatives: CooperativesRepository,
  ) {}

  async create(principal: Principal, input: CreateMerchantDto) {
    await this.checkInsideArea(principal.cooperativeId!, input.location);
    return this.merchants.create({ ...input, phone: input.phone ?? null, location: toGeoJsonPoint(input.location) });
  }

  /** Merchants read only themselves; any other merchant id is 404. */
  async get(principal: Principal, id: string) {
    if (principal.role === 'merchant' && principal.merchantId !== id) throw ProblemError.notFound('Merchant');
    const merchant = await this.merchants.findById(id);
    if (!merchant) throw ProblemError.notFound('Merchant');
    return merchant;
  }

  async update(principal: Principal, id: string, input: UpdateMerchantDto) {
    if (input.location) await this.checkInsideArea(principal.cooperativeId!, input.location);
    const { location, ...rest } = input;
    const merchant = await this.merchants.update(id, { ...rest, ...(location ? { location: toGeoJsonPoint(location) } : {}) });
    if (!merchant) throw ProblemError.notFound('Merchant');
    return merchant;
  }

  list(page: PageRequest) {
    return this.merchants.list(page);
  }

  async createApiKey(merchantId: string) {
    if (!(await this.merchants.findById(merchantId))) throw ProblemError.notFound('Merchant');
    const { key, hash, prefix } = generateApiKey();
    const record = await this.merchants.addApiKey(merchantId, hash, prefix);
    return { record, key };
  }

  async listApiKeys(merchantId: string) {
    if (!(await this.merchants.findById(merchantId))) throw ProblemError.notFound('Merchant');
    return this.merchants.listApiKeys(merchantId);
  }

  async revokeApiKey(merchantId: string, keyId: string) {
    if (!(await this.merchants.revokeApiKey(merchantId, keyId))) throw ProblemError.notFound('API key');
  }

  private async checkInsideArea(cooperativeId: string, location: LatLng) {
    const [inside] = await this.cooperatives.covers(cooperativeId, [location]);
    if (!inside) throw ProblemError.unprocessable('The location is outside the cooperative\'s service area', 'outside_service_area');
  }
}

import { Injectable } from '@nestjs/common';
import { MerchantApiKeyEntity, MerchantEntity } from '../entities';
import { Transactions } from '../transactions';
import { Page, PageRequest, paginate } from './page';

/** Merchants of the current cooperative and their API keys. */
@Injectable()
export class MerchantsRepository {
  constructor(private readonly transactions: Transactions) {}

  private async merchants() {
    return (await this.transactions.manager()).getRepository(MerchantEntity);
  }

  private async apiKeys() {
    return (await this.transactions.manager()).getRepository(MerchantApiKeyEntity);
  }

  async create(values: Pick<MerchantEntity, 'name' | 'address' | 'location' | 'phone'>): Promise<MerchantEntity> {
    const merchants = await this.merchants();
    const { id } = await merchants.save(merchants.create(values));
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<MerchantEntity | null> {
    return (await this.merchants()).findOneBy({ id });
  }

  async update(id: string, values: Partial<Pick<MerchantEntity, 'name' | 'address' | 'location' | 'phone'>>): Promise<MerchantEntity | null> {
    const result = await (await this.merchants()).update({ id }, values);
    return result.affected ? this.findById(id) : null;
  }

  async list(page: PageRequest): Promise<Page<MerchantEntity>> {
    return paginate((await this.merchants()).createQueryBuilder('m'), 'm', page);
  }

  async addApiKey(merchantId: string, keyHash: string, keyPrefix: string): Promise<MerchantApiKeyEntity> {
    const apiKeys = await this.apiKeys();
    return apiKeys.save(apiKeys.create({ merchantId, keyHash, keyPrefix }));
  }

  async listApiKeys(merchantId: string): Promise<MerchantApiKeyEntity[]> {
    return (await this.apiKeys()).find({ where: { merchantId }, order: { createdAt: 'DESC' } });
  }

  async revokeApiKey(merchantId: string, keyId: string): Promise<boolean> {
    const result = await (await this.apiKeys()).update({ id: keyId, merchantId }, { revokedAt: new Date() });
    return !!result.affected;
  }
}

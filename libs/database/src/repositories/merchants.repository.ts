import { Injectable } from '@nestjs/common';
import { MerchantApiKeyEntity, MerchantEntity } from '../entities';
import { Transactions } from '../transactions';
import { Page, PageRequest, paginate } from './page';

/** Merchants of the current cooperative and their API keys. */
@Injectable()
export class MerchantsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get merchants() {
    return this.transactions.manager().getRepository(MerchantEntity);
  }

  private get apiKeys() {
    return this.transactions.manager().getRepository(MerchantApiKeyEntity);
  }

  async create(values: Pick<MerchantEntity, 'name' | 'address' | 'location' | 'phone'>): Promise<MerchantEntity> {
    const { id } = await this.merchants.save(this.merchants.create(values));
    return (await this.findById(id))!;
  }

  findById(id: string): Promise<MerchantEntity | null> {
    return this.merchants.findOneBy({ id });
  }

  async update(id: string, values: Partial<Pick<MerchantEntity, 'name' | 'address' | 'location' | 'phone'>>): Promise<MerchantEntity | null> {
    const result = await this.merchants.update({ id }, values);
    return result.affected ? this.findById(id) : null;
  }

  list(page: PageRequest): Promise<Page<MerchantEntity>> {
    return paginate(this.merchants.createQueryBuilder('m'), 'm', page);
  }

  async addApiKey(merchantId: string, keyHash: string, keyPrefix: string): Promise<MerchantApiKeyEntity> {
    return this.apiKeys.save(this.apiKeys.create({ merchantId, keyHash, keyPrefix }));
  }

  listApiKeys(merchantId: string): Promise<MerchantApiKeyEntity[]> {
    return this.apiKeys.find({ where: { merchantId }, order: { createdAt: 'DESC' } });
  }

  async revokeApiKey(merchantId: string, keyId: string): Promise<boolean> {
    const result = await this.apiKeys.update({ id: keyId, merchantId }, { revokedAt: new Date() });
    return !!result.affected;
  }
}

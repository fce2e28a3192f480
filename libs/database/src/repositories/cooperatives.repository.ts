import { Injectable } from '@nestjs/common';
import type { MultiPolygon } from 'geojson';
import { CooperativeEntity } from '../entities';
import { Transactions } from '../transactions';
import { Page, PageRequest, paginate } from './page';

/** Cooperatives are the tenant root: not row-level secured; callers decide who may see which. */
@Injectable()
export class CooperativesRepository {
  constructor(private readonly transactions: Transactions) {}

  private async repository() {
    return (await this.transactions.manager()).getRepository(CooperativeEntity);
  }

  async create(values: Omit<CooperativeEntity, 'id' | 'createdAt' | 'updatedAt'>): Promise<CooperativeEntity> {
    const repository = await this.repository();
    return repository.save(repository.create(values));
  }

  async findById(id: string): Promise<CooperativeEntity | null> {
    return (await this.repository()).findOneBy({ id });
  }

  async update(id: string, values: Partial<CooperativeEntity>): Promise<CooperativeEntity | null> {
    await (await this.repository()).update({ id }, values);
    return this.findById(id);
  }

  async slugExists(slug: string): Promise<boolean> {
    return (await this.repository()).existsBy({ slug });
  }

  async list(page: PageRequest): Promise<Page<CooperativeEntity>> {
    return paginate((await this.repository()).createQueryBuilder('c'), 'c', page);
  }

  /** Whether each point lies inside the cooperative's service area (edges included). */
  async covers(cooperativeId: string, points: { lat: number; lng: number }[]): Promise<boolean[]> {
    const rows: { covered: boolean }[] = await (await this.transactions.manager()).query(
      `SELECT ST_Covers(c.service_area, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)::geography) AS covered
       FROM cooperatives c, unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p(lat, lng, n)
       WHERE c.id = $1 ORDER BY p.n`,
      [cooperativeId, points.map((p) => p.lat), points.map((p) => p.lng)],
    );
    return rows.map((row) => row.covered);
  }

  /** PostGIS's reason when an area is topologically invalid (self-intersecting...), else null. */
  async areaProblem(area: MultiPolygon): Promise<string | null> {
    const [row] = await (await this.transactions.manager()).query(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM ST_GeomFromGeoJSON($1) AS g`,
      [JSON.stringify(area)],
    );
    return row.valid ? null : row.reason;
  }
}

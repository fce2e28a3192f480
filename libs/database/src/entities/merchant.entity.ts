import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Point } from 'geojson';

@Entity('merchants')
export class MerchantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'cooperative_id', type: 'uuid', insert: false, update: false }) cooperativeId: string;
  @Column('text') name: string;
  @Column('text') address: string;
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 }) location: Point;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

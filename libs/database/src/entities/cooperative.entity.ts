import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MultiPolygon } from 'geojson';
import { CooperativeSettings } from './cooperative-settings';

@Entity('cooperatives')
export class CooperativeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') slug: string;
  @Column('text') timezone: string;
  @Column('char', { length: 3 }) currency: string;
  @Column({ name: 'service_area', type: 'geography', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  serviceArea: MultiPolygon;
  @Column('jsonb') settings: Partial<CooperativeSettings>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

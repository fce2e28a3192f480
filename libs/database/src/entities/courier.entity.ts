import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const vehicles = ['bike', 'cargo_bike', 'ebike'] as const;
export type Vehicle = (typeof vehicles)[number];

@Entity('couriers')
export class CourierEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'cooperative_id', type: 'uuid', insert: false, update: false }) cooperativeId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column('text') vehicle: Vehicle;
  @Column('integer') capacity: number;
  @Column({ name: 'on_shift', type: 'boolean', default: false }) onShift: boolean;
  @Column({ name: 'shift_started_at', type: 'timestamptz', nullable: true }) shiftStartedAt: Date | null;
  /** When the courier plans to stop taking jobs (no pickups after it); null: until it ends the shift. */
  @Column({ name: 'shift_ends_at', type: 'timestamptz', nullable: true }) shiftEndsAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

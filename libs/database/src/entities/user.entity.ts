import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from './role';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'cooperative_id', type: 'uuid', insert: false, update: false, nullable: true }) cooperativeId: string | null;
  @Column('text') email: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column('text') name: string;
  @Column('text') role: Role;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ name: 'merchant_id', type: 'uuid', nullable: true }) merchantId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

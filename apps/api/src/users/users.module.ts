import { Module } from '@nestjs/common';
import { CouriersModule } from '../couriers/couriers.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [CouriersModule], controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@lib/config';
import { dataSourceOptions } from './data-source-options';
import { repositories } from './repositories';
import { Transactions } from './transactions';

/** The application's connection pool (as the RLS-bound role), transactions and repositories. */
@Global()
@Module({
  imports: [TypeOrmModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => dataSourceOptions(config) })],
  providers: [Transactions, ...repositories],
  exports: [Transactions, ...repositories],
})
export class DatabaseModule {}

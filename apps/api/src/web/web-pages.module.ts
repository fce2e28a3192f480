import { Module } from '@nestjs/common';
import { WebConfigController } from './web-config.controller';
import { WebPagesController } from './web-pages.controller';

/** The four web pages (dispatcher, courier, merchant, tracking), their assets and runtime config. */
@Module({ controllers: [WebConfigController, WebPagesController] })
export class WebPagesModule {}

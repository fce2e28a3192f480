import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@lib/auth';
import { AppConfig } from '@lib/config';

/** What the pages need to know about this deployment; nothing secret. */
export interface WebRuntimeConfig {
  /** Base URL of the socket.io tracking gateway (namespaces are appended by the page). */
  trackingUrl: string;
  /** Leaflet tile URL template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`. */
  tileUrl: string;
}

@ApiExcludeController()
@Controller('app')
export class WebConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get('config.json')
  @Public()
  @Header('Cache-Control', 'no-cache')
  runtimeConfig(): WebRuntimeConfig {
    return { trackingUrl: this.config.trackingBaseUrl, tileUrl: this.config.env.MAP_TILE_URL };
  }
}

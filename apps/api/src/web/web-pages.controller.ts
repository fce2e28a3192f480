import { Controller, Get, HttpStatus, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '@lib/auth';
import { ProblemError } from '@lib/http';
import { builtWebRoot } from './web-root';

/** Hashed file names change with their content, so a year of caching is safe. */
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Serves the pages built by Vite. Each page is public: the page itself holds no data, and
 * the API calls it makes carry their own credentials (or, for tracking, the token in the URL).
 */
@ApiExcludeController()
@Controller()
export class WebPagesController {
  private readonly root = builtWebRoot();

  @Get('app/dispatch')
  @Public()
  dispatch(@Res() res: Response) {
    this.sendPage(res, 'dispatch.html');
  }

  @Get('app/courier')
  @Public()
  courier(@Res() res: Response) {
    this.sendPage(res, 'courier.html');
  }

  @Get('app/merchant')
  @Public()
  merchant(@Res() res: Response) {
    this.sendPage(res, 'merchant.html');
  }

  @Get('track/:trackingToken')
  @Public()
  track(@Res() res: Response) {
    // The page reads the token from its own URL; nothing about the order is in the HTML.
    this.sendPage(res, 'track.html');
  }

  @Get('assets/*path')
  @Public()
  asset(@Param('path') path: string[] | string, @Res() res: Response) {
    const segments = Array.isArray(path) ? path : path.split('/');
    if (!segments.length || !segments.every((segment) => SAFE_SEGMENT.test(segment))) throw ProblemError.notFound('Asset');
    const relative = join('assets', ...segments);
    if (!existsSync(join(this.root, relative))) throw ProblemError.notFound('Asset');
    res.sendFile(relative, { root: this.root, dotfiles: 'deny', maxAge: ONE_YEAR_MS, immutable: true });
  }

  private sendPage(res: Response, file: string): void {
    if (!existsSync(join(this.root, file))) {
      throw new ProblemError(HttpStatus.SERVICE_UNAVAILABLE, 'The web pages are not built: run `npm run build:web`', 'web_not_built');
    }
    // HTML must be revalidated so a new build's asset names are picked up at once.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file, { root: this.root, dotfiles: 'deny' });
  }
}

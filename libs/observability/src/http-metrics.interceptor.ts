import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { httpRequestDuration } from './metrics';

/** Times each request by its route pattern (not its URL, which would explode label cardinality). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const stop = httpRequestDuration.startTimer({ method: request.method });
    response.once('finish', () => stop({ route: request.route?.path ?? 'unmatched', status: String(response.statusCode) }));
    return next.handle();
  }
}

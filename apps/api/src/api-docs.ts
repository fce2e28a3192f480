import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI at /api/docs-json, human docs at /api/docs. */
export function setUpApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bike dispatch API')
      .setDescription(
        'Delivery dispatch for bike-courier cooperatives. Errors are application/problem+json (RFC 9457). ' +
          'Another cooperative\'s objects answer 404, never 403.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'merchant-api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

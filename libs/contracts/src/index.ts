export * from './geojson-area.validator';
export * from './lat-lng.dto';
export * from './page-query.dto';

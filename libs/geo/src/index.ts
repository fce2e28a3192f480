export * from './distance';
export * from './geojson-area';
export * from './lat-lng';
export * from './projection';

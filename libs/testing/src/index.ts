export * from './test-environment';
export * from './eventually';
export * from './gateway-client';
export * from './free-ports';
export * from './tcp-proxy';
export * from './sse-client';
export * from './webhook-receiver';
export * from './metrics-scrape';

export * from './roles';
export * from './masking';
export * from './scene';
export * from './state-machine';
export * from './errors';
export * from './places';
export * from './service-requests';
export * from './wishes';

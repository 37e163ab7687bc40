export * from './lifecycle';
export * from './state-machine.module';

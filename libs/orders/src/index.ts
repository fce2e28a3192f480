export * from './order-change-listeners';
export * from './order-status-machine';
export * from './order-transitions.service';
export * from './order.presenter';
export * from './orders.module';
export * from './pricing';
export * from './topics';
export * from './webhook-fanout.service';

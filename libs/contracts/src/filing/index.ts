export * from './execute-action';
export * from './actions';
export * from './receipts';
export * from './approvals';
export * from './action-events';
export * from './altinn-token';

export const PRISMA = Symbol('PRISMA');
export const ER_ROLE_PACKAGES = Symbol('ER_ROLE_PACKAGES');

/** DI token of the service's pino logger. */
export const LOGGER = Symbol('LOGGER');
/** DI token of the service's kafkajs client. */
export const KAFKA = Symbol('KAFKA');

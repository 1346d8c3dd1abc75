// class-transformer keeps @Type metadata in this storage; it has no public accessor.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

export type JsonSchema = Record<string, unknown>;

const CONDITIONAL = ValidationTypes.CONDITIONAL_VALIDATION;
const NESTED = ValidationTypes.NESTED_VALIDATION;

/**
 * The JSON schema of a payload class, read from its class-validator rules (and class-transformer @Type for
 * nested classes): the contract document is derived from the very classes consumers validate with.
 */
export function payloadSchema(payloadClass: new () => object): JsonSchema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(payloadClass, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of metadata)
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, rules] of byProperty) {
    const optional = rules.some((r) => r.type === CONDITIONAL);
    if (!optional) required.push(property);
    const isArray = rules.some((r) => r.name === 'isArray');
    let item: JsonSchema = {};
    for (const rule of rules) Object.assign(item, ruleSchema(rule));
    if (rules.some((r) => r.type === NESTED)) {
      const nested = defaultMetadataStorage.findTypeMetadata(payloadClass, property);
      const nestedClass = nested?.typeFunction() as (new () => object) | undefined;
      if (nestedClass) item = { ...item, ...payloadSchema(nestedClass) };
    }
    const arrayLimits = rules.find((r) => r.name === 'arrayMaxSize');
    properties[property] = isArray
      ? { type: 'array', items: item, ...(arrayLimits ? { maxItems: arrayLimits.constraints[0] } : {}) }
      : item;
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function ruleSchema(rule: ValidationMetadata): JsonSchema {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isIso8601':
      return { type: 'string', format: 'date-time' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isString':
      return { type: 'string' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isIn':
      return { enum: first as unknown[] };
    case 'matches':
      return { type: 'string', pattern: (first as RegExp).source };
    case 'isLength':
      return { minLength: first, ...(second !== undefined ? { maxLength: second } : {}) };
    case 'maxLength':
      return { maxLength: first };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isObject':
      return { type: 'object' };
    default:
      return {};
  }
}

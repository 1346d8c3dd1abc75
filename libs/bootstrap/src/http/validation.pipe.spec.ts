import type { ArgumentMetadata } from '@nestjs/common';
import { PageQuery } from '@pac/http-contracts';
import * as classValidator from 'class-validator';
import { ProblemException } from './problem';
import { createValidationPipe } from './validation.pipe';

const query: ArgumentMetadata = { type: 'query', metatype: PageQuery };
const body: ArgumentMetadata = { type: 'body', metatype: PageQuery };

describe('the validation pipe', () => {
  it('validates a query once, then gives each request its own copy of the validated value', async () => {
    const pipe = createValidationPipe();
    const validate = jest.spyOn(classValidator, 'validate');
    const first = (await pipe.transform({ limit: '50' }, query)) as PageQuery;
    const second = (await pipe.transform({ limit: '50' }, query)) as PageQuery;
    expect(first).toBeInstanceOf(PageQuery);
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual({ limit: 50 });
    expect(second).not.toBe(first);
    second.limit = 7; // a handler changing its copy changes nobody else's
    expect(await pipe.transform({ limit: '50' }, query)).toEqual({ limit: 50 });
    expect(validate).toHaveBeenCalledTimes(1);
    validate.mockRestore();
  });

  it('refuses a bad query every time, naming the field', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i += 1) {
      const refused = await pipe.transform({ limit: '0' }, query).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ProblemException);
      expect((refused as ProblemException).problem.errors?.[0]?.field).toBe('limit');
    }
    const unknown = await pipe.transform({ limit: '5', expand: 'x' }, query).catch((error: unknown) => error);
    expect((unknown as ProblemException).problem.errors?.[0]?.field).toBe('expand');
  });

  it('always validates bodies', async () => {
    const pipe = createValidationPipe();
    const validate = jest.spyOn(classValidator, 'validate');
    await pipe.transform({ limit: 5 }, body);
    await pipe.transform({ limit: 5 }, body);
    expect(validate).toHaveBeenCalledTimes(2);
    validate.mockRestore();
  });

  it('refuses a body that is not a JSON object, even one whose every field is optional', async () => {
    const pipe = createValidationPipe();
    for (const value of [null, [], 'text', 5, true]) {
      const refused = await pipe.transform(value, body).catch((error: unknown) => error);
      expect((refused as ProblemException).problem).toMatchObject({
        status: 400,
        errors: [{ field: 'body' }],
      });
    }
    expect(await pipe.transform({}, body)).toEqual({});
  });
});

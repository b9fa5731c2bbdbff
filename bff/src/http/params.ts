import { objectIdSchema } from '@minsheng/shared';
import { z } from 'zod';

/** The path parameters of a route about one stored thing: `/…/:id`, a database id. */
export const idParams = z.strictObject({ id: objectIdSchema });

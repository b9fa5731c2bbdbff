import mongoose from 'mongoose';
import { rawCollection, useTestApp } from '../kit';
import { covers, shapeKey, shapesOfCommand } from './shapes';

// The index-coverage check reads each query's sort from the command the driver
// sends. The driver sends a find's and a findAndModify's sort as a Map: read as
// a plain object it looked like no sort, and no sort was ever checked.

useTestApp({ seedCatalog: false });

/** The commands the driver sends while `run` runs, as command monitoring sees them. */
async function commandsOf(run: () => Promise<unknown>): Promise<mongoose.mongo.CommandStartedEvent[]> {
  const client = mongoose.connection.getClient();
  const seen: mongoose.mongo.CommandStartedEvent[] = [];
  const listener = (event: mongoose.mongo.CommandStartedEvent) => seen.push(event);
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
}

const shapesSent = (events: mongoose.mongo.CommandStartedEvent[], name: string) =>
  events.filter((e) => e.commandName === name).flatMap((e) => shapesOfCommand(e.commandName, e.command));

describe('query shapes', () => {
  it("records a find's sort as the driver sends it, in order and with its directions", async () => {
    const events = await commandsOf(() =>
      rawCollection('shapes_probe').find({ status: 'submitted' }).sort({ submittedAt: -1, _id: -1 }).limit(1).toArray(),
    );
    const [shape] = shapesSent(events, 'find');
    expect(shape?.sort).toEqual([
      ['submittedAt', -1],
      ['_id', -1],
    ]);
    expect(shape && shapeKey(shape)).toBe('shapes_probe find eq(status) sort(submittedAt:-1,_id:-1)');
  });

  it("records a findOneAndUpdate's sort", async () => {
    const events = await commandsOf(() =>
      rawCollection('shapes_probe').findOneAndUpdate({ status: 'submitted' }, { $set: { seen: true } }, { sort: { at: 1 } }),
    );
    expect(shapesSent(events, 'findAndModify')[0]?.sort).toEqual([['at', 1]]);
  });

  it('holds the sort against the index: only an index with the sort keys after the fixed ones serves it', async () => {
    const events = await commandsOf(() =>
      rawCollection('shapes_probe').find({ status: 'submitted' }).sort({ submittedAt: -1, _id: -1 }).limit(1).toArray(),
    );
    const [shape] = shapesSent(events, 'find');
    if (!shape) throw new Error('no find was sent');
    expect(covers({ keys: [['status', 1]] }, shape)).toBe(false);
    expect(
      covers(
        {
          keys: [
            ['status', 1],
            ['submittedAt', -1],
          ],
        },
        shape,
      ),
    ).toBe(false);
    expect(
      covers(
        {
          keys: [
            ['status', 1],
            ['submittedAt', 1],
            ['_id', 1],
          ],
        },
        shape,
      ),
    ).toBe(true);
  });
});

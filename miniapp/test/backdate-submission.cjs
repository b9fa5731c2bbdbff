// Moves an application's submission DAYS days into the past, in the run's
// database: node backdate-submission.cjs MONGODB_URI APPLICATION_ID DAYS.
// Run as its own process by src/testing/bff.ts: the database driver does not
// load in the tests' jsdom environment.
const { MongoClient, ObjectId } = require('mongodb');

async function main([uri, applicationId, days]) {
  const client = await MongoClient.connect(uri);
  try {
    const submittedAt = new Date(Date.now() - Number(days) * 24 * 3600_000);
    const res = await client
      .db()
      .collection('applications')
      .updateOne({ _id: new ObjectId(applicationId) }, { $set: { submittedAt } });
    if (res.matchedCount !== 1) throw new Error(`no application ${applicationId} to backdate`);
  } finally {
    await client.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

'use strict';
// The S3-compatible server of the tests (s3rver from npm), run as its own process:
//   node scripts/lib/s3-server.js <port> <directory> <bucket>
// It answers AWS SDK v3 with path-style addressing and WHEN_REQUIRED checksums (what S3Storage sends).
const S3rver = require('s3rver');

const [port, directory, bucket] = process.argv.slice(2);
const server = new S3rver({ port: Number(port), address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
server.run().then(
  () => process.stdout.write(`ready ${port}\n`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close().finally(() => process.exit(0)));

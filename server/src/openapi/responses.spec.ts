import * as fs from 'fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate, OUT } = require('../../../scripts/openapi-responses.js') as { generate(): unknown; OUT: string };

describe('the response schemas of the OpenAPI document', () => {
  // On failure: `npm run openapi:responses`, then commit server/src/openapi/responses.generated.json.
  it('should match what the route handlers return today', () => {
    expect(JSON.parse(fs.readFileSync(OUT, 'utf8'))).toEqual(generate());
  });
});

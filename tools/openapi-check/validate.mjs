// Validates an OpenAPI document (structure against the OpenAPI 3.x schema, every $ref resolves)
// with @apidevtools/swagger-parser. Usage: node validate.mjs path/to/openapi.json
// Exit 0 when valid; 1 with the validator's message otherwise.
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.mjs openapi.json');
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(file);
  const operations = Object.values(api.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length, 0);
  console.log(`openapi: ${file} is valid OpenAPI ${api.openapi}, ${operations} operations`);
} catch (error) {
  console.error(`openapi: ${file} is invalid: ${error.message}`);
  process.exit(1);
}

import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('tls-downgrade', {
  valid: [
    {
      name: 'TLSv1.2 and TLSv1.3 are fine',
      code: `const a = new https.Agent({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" });
const b = { secureProtocol: "TLS_method" };
const c = { secureProtocol: "TLSv1_2_method" };
`,
    },
    {
      name: 'an unrelated minVersion',
      code: `const pkg = { minVersion: "1.0.0" };
`,
    },
    {
      name: 'TLSv1 in a string of another property',
      code: `const note = { label: "TLSv1" };
`,
    },
  ],
  invalid: [
    {
      name: 'minVersion TLSv1 in an https.Agent',
      code: `import * as https from "node:https";
const agent = new https.Agent({ minVersion: "TLSv1", keepAlive: true });
`,
      errors: [{ line: 2, column: 45, endLine: 2, endColumn: 52 }],
      output: `import * as https from "node:https";
const agent = new https.Agent({ minVersion: "TLSv1.2", keepAlive: true });
`,
    },
    {
      name: "maxVersion 'TLSv1.1' keeps single quotes (.js)",
      file: 'agent.js',
      code: `const https = require('https');
const agent = new https.Agent({ maxVersion: 'TLSv1.1' });
module.exports = agent;
`,
      errors: [{ line: 2, column: 45, endLine: 2, endColumn: 54 }],
      output: `const https = require('https');
const agent = new https.Agent({ maxVersion: 'TLSv1.2' });
module.exports = agent;
`,
    },
    {
      name: 'secureProtocol pinned to SSLv3, client form',
      code: `const socket = tls.connect(443, "r.openai.azure.com", { secureProtocol: "SSLv3_client_method" });
`,
      errors: [{ line: 1, column: 73, endLine: 1, endColumn: 94 }],
      output: `const socket = tls.connect(443, "r.openai.azure.com", { secureProtocol: "TLSv1_2_client_method" });
`,
    },
    {
      name: 'TLSv1_1_method',
      code: `const ctx = tls.createSecureContext({ secureProtocol: "TLSv1_1_method" });
`,
      errors: [{ line: 1, column: 55, endLine: 1, endColumn: 71 }],
      output: `const ctx = tls.createSecureContext({ secureProtocol: "TLSv1_2_method" });
`,
    },
    {
      name: 'tls.DEFAULT_MIN_VERSION assignment (.mjs)',
      file: 'boot.mjs',
      code: `import tls from "node:tls";
tls.DEFAULT_MIN_VERSION = "TLSv1";
`,
      errors: [{ line: 2, column: 27, endLine: 2, endColumn: 34 }],
      output: `import tls from "node:tls";
tls.DEFAULT_MIN_VERSION = "TLSv1.2";
`,
    },
    {
      name: 'through a const and shorthand',
      code: `const minVersion = "TLSv1.1";
const agent = new https.Agent({ minVersion });
`,
      errors: [{ line: 1, column: 20, endLine: 1, endColumn: 29 }],
      output: `const minVersion = "TLSv1.2";
const agent = new https.Agent({ minVersion });
`,
    },
    {
      name: 'axios httpsAgent option (.ts)',
      code: `import axios from "axios";
import https from "node:https";
const api = axios.create({ baseURL: "https://r.cognitiveservices.azure.com", httpsAgent: new https.Agent({ minVersion: "TLSv1" }) });
`,
      errors: [{ line: 3, column: 120, endLine: 3, endColumn: 127 }],
      output: `import axios from "axios";
import https from "node:https";
const api = axios.create({ baseURL: "https://r.cognitiveservices.azure.com", httpsAgent: new https.Agent({ minVersion: "TLSv1.2" }) });
`,
    },
    {
      name: "a value spelled with an escape (the compiler reads '\\x54LSv1' as TLSv1)",
      code: `const agent = new https.Agent({ minVersion: "\\x54LSv1" });
`,
      errors: [{ line: 1, column: 45, endLine: 1, endColumn: 55 }],
      output: `const agent = new https.Agent({ minVersion: "TLSv1.2" });
`,
    },
  ],
});

import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('tls-verification-disabled', {
  valid: [
    {
      name: 'verification on',
      code: `const a = new https.Agent({ rejectUnauthorized: true });
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
`,
    },
    {
      name: 'checkServerIdentity that returns the built-in check',
      code: `const a = new https.Agent({ checkServerIdentity: (host, cert) => { if (!cert.fingerprint256) return new Error("no cert"); return tls.checkServerIdentity(host, cert); } });
`,
    },
    {
      name: 'reading the variable is fine',
      code: `if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") console.warn("TLS verification is off");
`,
    },
    {
      name: "'00' is not zero for Node",
      code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "00";
`,
    },
  ],
  invalid: [
    {
      name: 'rejectUnauthorized: false in an https.Agent for axios',
      code: `import axios from "axios";
import https from "node:https";
const api = axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized: false }) });
`,
      errors: [{ line: 3, column: 78, endLine: 3, endColumn: 83 }],
      output: `import axios from "axios";
import https from "node:https";
const api = axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized: true }) });
`,
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED = "0" statement is removed (.js)',
      file: 'index.js',
      code: `require("dotenv").config();
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
const { AzureOpenAI } = require("openai");
`,
      errors: [{ line: 2, column: 44, endLine: 2, endColumn: 47 }],
      output: `require("dotenv").config();
const { AzureOpenAI } = require("openai");
`,
    },
    {
      name: 'numeric zero through element access (.mjs)',
      file: 'dev.mjs',
      code: `process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
export {};
`,
      errors: [{ line: 1, column: 47, endLine: 1, endColumn: 48 }],
      output: `export {};
`,
    },
    {
      name: 'assignment inside an if keeps the statement and sets 1',
      code: `if (isDev) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
`,
      errors: [{ line: 1, column: 55, endLine: 1, endColumn: 58 }],
      output: `if (isDev) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
`,
    },
    {
      name: 'child process environment',
      code: `spawn("node", ["app.js"], {
  env: {
    ...process.env,
    NODE_TLS_REJECT_UNAUTHORIZED: "0",
  },
});
`,
      errors: [{ line: 4, column: 35, endLine: 4, endColumn: 38 }],
      output: `spawn("node", ["app.js"], {
  env: {
    ...process.env,
  },
});
`,
    },
    {
      name: 'empty checkServerIdentity arrow is removed',
      code: `const socket = tls.connect({ host: "r.openai.azure.com", port: 443, checkServerIdentity: () => undefined });
`,
      errors: [{ line: 1, column: 90, endLine: 1, endColumn: 105 }],
      output: `const socket = tls.connect({ host: "r.openai.azure.com", port: 443 });
`,
    },
    {
      name: 'multi-line empty checkServerIdentity on its own line',
      code: `const agent = new https.Agent({
  keepAlive: true,
  checkServerIdentity: (host, cert) => {},
});
`,
      errors: [{ line: 3, column: 24, endLine: 3, endColumn: 42 }],
      output: `const agent = new https.Agent({
  keepAlive: true,
});
`,
    },
    {
      name: 'checkServerIdentity that logs: removal is only a suggestion',
      code: `const agent = new https.Agent({
  checkServerIdentity(host: string) {
    console.log("connecting to", host);
  },
});
`,
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 22 }],
      output: null,
      suggestions: [
        {
          title: 'Verify certificates',
          output: `const agent = new https.Agent({
});
`,
        },
      ],
    },
    {
      name: 'x.rejectUnauthorized = false',
      code: `const options: tls.ConnectionOptions = {};
options.rejectUnauthorized = false;
`,
      errors: [{ line: 2, column: 30, endLine: 2, endColumn: 35 }],
      output: `const options: tls.ConnectionOptions = {};
options.rejectUnauthorized = true;
`,
    },
    {
      name: 'a property name spelled with an escape (the compiler reads rej\\u0065ctUnauthorized as rejectUnauthorized)',
      code: `const agent = new https.Agent({ rej\\u0065ctUnauthorized: false });
`,
      errors: [{ line: 1, column: 58, endLine: 1, endColumn: 63 }],
      output: `const agent = new https.Agent({ rej\\u0065ctUnauthorized: true });
`,
    },
  ],
});

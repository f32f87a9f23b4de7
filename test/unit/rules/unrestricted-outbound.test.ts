import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('unrestricted-outbound', {
  valid: [
    {
      name: 'restricted with an allow list',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    restrictOutboundNetworkAccess: true
    allowedFqdnList: [
      'contoso-search.search.windows.net'
    ]
  }
}
`,
    },
    {
      name: 'restricted with an explicit empty list (no host allowed)',
      file: 'main.bicep',
      code: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
  }
}
`,
    },
    {
      name: 'restriction from a param without default',
      file: 'main.bicep',
      code: `param restrict bool

resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    restrictOutboundNetworkAccess: restrict
  }
}
`,
    },
    {
      name: 'AI Search is not checked',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line unrestricted-outbound
resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
}
`,
    },
  ],
  invalid: [
    {
      name: 'OpenAI account without restriction',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: true
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16, message: ["Azure AI account 'openAi'", 'restrictOutboundNetworkAccess is not set'] }],
      output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: true
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
  }
}
`,
    },
    {
      name: 'no properties object: one new block',
      file: 'main.bicep',
      code: `resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output: `resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  properties: {
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
  }
}
`,
    },
    {
      name: 'false with an existing list: the list is kept',
      file: 'main.bicep',
      code: `resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: 'FormRecognizer'
  properties: {
    restrictOutboundNetworkAccess: false
    allowedFqdnList: [
      'contosostore.blob.core.windows.net'
    ]
  }
}
`,
      errors: [{ line: 5, column: 36, endLine: 5, endColumn: 41 }],
      output: `resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: 'FormRecognizer'
  properties: {
    restrictOutboundNetworkAccess: true
    allowedFqdnList: [
      'contosostore.blob.core.windows.net'
    ]
  }
}
`,
    },
    {
      name: 'false from a var',
      file: 'main.bicep',
      code: `var restrict = false

resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    restrictOutboundNetworkAccess: restrict
  }
}
`,
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 44, message: ["false (var 'restrict')"] }],
      output: `var restrict = true

resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    restrictOutboundNetworkAccess: restrict
    allowedFqdnList: []
  }
}
`,
    },
    {
      name: 'restricted without a list',
      file: 'main.bicep',
      code: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    restrictOutboundNetworkAccess: true
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 12, message: ['no allowedFqdnList'] }],
      output: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
  }
}
`,
    },
    {
      name: 'CRLF',
      file: 'main.bicep',
      code: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n  name: 'contoso-ai'\r\n  kind: 'AIServices'\r\n  properties: {\r\n    disableLocalAuth: true\r\n  }\r\n}\r\n",
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 12 }],
      output:
        "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n  name: 'contoso-ai'\r\n  kind: 'AIServices'\r\n  properties: {\r\n    disableLocalAuth: true\r\n    restrictOutboundNetworkAccess: true\r\n    allowedFqdnList: []\r\n  }\r\n}\r\n",
    },
  ],
});

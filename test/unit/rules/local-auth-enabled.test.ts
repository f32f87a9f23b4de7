import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('local-auth-enabled', {
  valid: [
    {
      name: 'OpenAI account with local auth disabled',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: true
  }
}
`,
    },
    {
      name: 'true from a param default',
      file: 'main.bicep',
      code: `param disableLocalAuth bool = true

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    disableLocalAuth: disableLocalAuth
  }
}
`,
    },
    {
      name: 'param without default is unknown',
      file: 'main.bicep',
      code: `param disableLocalAuth bool

resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    disableLocalAuth: disableLocalAuth
  }
}
`,
    },
    {
      name: 'existing account',
      file: 'main.bicep',
      code: `resource shared 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'shared'
}
`,
    },
    {
      name: 'ML workspaces are not checked',
      file: 'main.bicep',
      code: `resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    #disable-next-line local-auth-enabled
    disableLocalAuth: false
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'OpenAI account with disableLocalAuth false',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: false
  }
}
`,
      errors: [{ line: 5, column: 23, endLine: 5, endColumn: 28, message: ["Azure AI account 'openAi'", 'disableLocalAuth is false'] }],
      output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: true
  }
}
`,
    },
    {
      name: 'SpeechServices account without properties',
      file: 'main.bicep',
      code: `resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  sku: {
    name: 'S0'
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16, message: ['disableLocalAuth is not set'] }],
      output: `resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  sku: {
    name: 'S0'
  }
  properties: {
    disableLocalAuth: true
  }
}
`,
    },
    {
      name: 'false from a param default: names the param, fix changes the default',
      file: 'main.bicep',
      code: `param disableLocalAuth bool = false

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: 'FormRecognizer'
  properties: {
    disableLocalAuth: disableLocalAuth
  }
}
`,
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 39, message: ["false (default of param 'disableLocalAuth')"] }],
      output: `param disableLocalAuth bool = true

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: 'FormRecognizer'
  properties: {
    disableLocalAuth: disableLocalAuth
  }
}
`,
    },
    {
      name: 'AI Search with authOptions: the fix replaces them',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    replicaCount: 1
    authOptions: {
      aadOrApiKey: {
        aadAuthFailureMode: 'http401WithBearerChallenge'
      }
    }
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16, message: ["AI Search service 'search'"] }],
      output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    replicaCount: 1
    disableLocalAuth: true
  }
}
`,
    },
    {
      name: 'AI Search with disableLocalAuth false and apiKeyOnly',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    disableLocalAuth: false
    authOptions: { apiKeyOnly: {} }
    replicaCount: 1
  }
}
`,
      errors: [{ line: 4, column: 23, endLine: 4, endColumn: 28 }],
      output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    disableLocalAuth: true
    replicaCount: 1
  }
}
`,
    },
    {
      name: 'TextAnalytics accounts in a loop',
      file: 'main.bicep',
      code: `resource langs 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for i in range(0, 2): {
  name: 'contoso-language-\${i}'
  kind: 'TextAnalytics'
  properties: {
    customSubDomainName: 'contoso-language-\${i}'
  }
}]
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 15 }],
      output: `resource langs 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for i in range(0, 2): {
  name: 'contoso-language-\${i}'
  kind: 'TextAnalytics'
  properties: {
    customSubDomainName: 'contoso-language-\${i}'
    disableLocalAuth: true
  }
}]
`,
    },
    {
      name: 'CRLF and tabs',
      file: 'main.bicep',
      code: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n\tname: 'contoso-ai'\r\n\tkind: 'AIServices'\r\n\tproperties: {\r\n\t\tpublicNetworkAccess: 'Disabled'\r\n\t}\r\n}\r\n",
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 12 }],
      output:
        "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n\tname: 'contoso-ai'\r\n\tkind: 'AIServices'\r\n\tproperties: {\r\n\t\tpublicNetworkAccess: 'Disabled'\r\n\t\tdisableLocalAuth: true\r\n\t}\r\n}\r\n",
    },
  ],
});

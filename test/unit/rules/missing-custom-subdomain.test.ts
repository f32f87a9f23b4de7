import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('missing-custom-subdomain', {
  valid: [
    {
      name: 'custom subdomain set',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    customSubDomainName: 'contoso-openai'
  }
}
`,
    },
    {
      name: 'custom subdomain from a param without default',
      file: 'main.bicep',
      code: `param subdomain string

resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    customSubDomainName: subdomain
  }
}
`,
    },
    {
      name: 'AI Search has no custom subdomain',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
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
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line missing-custom-subdomain
resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
}
`,
    },
  ],
  invalid: [
    {
      name: 'OpenAI account without the property: uses the name expression',
      file: 'main.bicep',
      code: `param name string = 'contoso-openai'

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  kind: 'OpenAI'
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
`,
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 16, message: ["Azure AI account 'openAi'", 'customSubDomainName'] }],
      output: `param name string = 'contoso-openai'

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  kind: 'OpenAI'
  properties: {
    publicNetworkAccess: 'Disabled'
    customSubDomainName: name
  }
}
`,
    },
    {
      name: 'Speech account without properties',
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
    customSubDomainName: 'contoso-speech'
  }
}
`,
    },
    {
      name: 'empty string',
      file: 'main.bicep',
      code: `resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    customSubDomainName: ''
  }
}
`,
      errors: [{ line: 5, column: 26, endLine: 5, endColumn: 28 }],
      output: `resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    customSubDomainName: 'contoso-language'
  }
}
`,
    },
    {
      name: 'conditional FormRecognizer with a nested child',
      file: 'main.bicep',
      code: `param deploy bool = true

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = if (deploy) {
  name: 'contoso-docs-\${uniqueString(resourceGroup().id)}'
  kind: 'FormRecognizer'
  properties: {
    disableLocalAuth: true
  }

  resource defender 'defenderForAISettings' = {
    name: 'Default'
  }
}
`,
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 14 }],
      output: `param deploy bool = true

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = if (deploy) {
  name: 'contoso-docs-\${uniqueString(resourceGroup().id)}'
  kind: 'FormRecognizer'
  properties: {
    disableLocalAuth: true
    customSubDomainName: 'contoso-docs-\${uniqueString(resourceGroup().id)}'
  }

  resource defender 'defenderForAISettings' = {
    name: 'Default'
  }
}
`,
    },
    {
      name: 'CRLF',
      file: 'main.bicep',
      code: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n  name: 'contoso-ai'\r\n  kind: 'AIServices'\r\n  properties: {}\r\n}\r\n",
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 12 }],
      output:
        "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n  name: 'contoso-ai'\r\n  kind: 'AIServices'\r\n  properties: {\r\n    customSubDomainName: 'contoso-ai'\r\n  }\r\n}\r\n",
    },
  ],
});

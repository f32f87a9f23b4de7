import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('speech-byos', {
  valid: [
    {
      name: 'Speech account with its own storage',
      file: 'main.bicep',
      code: `param storageId string

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  properties: {
    userOwnedStorage: [
      {
        resourceId: storageId
      }
    ]
  }
}
`,
    },
    {
      name: 'OpenAI is not Speech',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
}
`,
    },
    {
      name: 'unknown kind',
      file: 'main.bicep',
      code: `param kind string

resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-acct'
  kind: kind
}
`,
    },
    {
      name: 'existing Speech account',
      file: 'main.bicep',
      code: `resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-speech'
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line speech-byos
resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
}
`,
    },
  ],
  invalid: [
    {
      name: 'Speech account without userOwnedStorage',
      file: 'main.bicep',
      code: `param location string = resourceGroup().location

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  location: location
  kind: 'SpeechServices'
  properties: {
    customSubDomainName: 'contoso-speech'
  }
}
`,
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 16, message: ["Speech account 'speech'", 'Customer Lockbox'] }],
      output: null,
      suggestions: [
        {
          title: 'Bring your own storage: add userOwnedStorage and a param for the storage account resource ID',
          output: `param location string = resourceGroup().location

@description('Resource ID of the storage account that keeps the data of speech (bring your own storage).')
param speechByosStorageAccountId string

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  location: location
  kind: 'SpeechServices'
  properties: {
    customSubDomainName: 'contoso-speech'
    userOwnedStorage: [
      {
        resourceId: speechByosStorageAccountId
      }
    ]
  }
}
`,
        },
      ],
    },
    {
      name: 'lower-case kind from a var, no params in the file',
      file: 'main.bicep',
      code: `var kind = 'speechservices'

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: kind
}
`,
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 16 }],
      output: null,
      suggestions: [
        {
          title: 'Bring your own storage: add userOwnedStorage and a param for the storage account resource ID',
          output: `@description('Resource ID of the storage account that keeps the data of speech (bring your own storage).')
param speechByosStorageAccountId string

var kind = 'speechservices'

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: kind
  properties: {
    userOwnedStorage: [
      {
        resourceId: speechByosStorageAccountId
      }
    ]
  }
}
`,
        },
      ],
    },
  ],
});

import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('missing-managed-identity', {
  valid: [
    {
      name: 'system-assigned identity',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  identity: {
    type: 'SystemAssigned'
  }
}
`,
    },
    {
      name: 'user-assigned identity with an interpolated key',
      file: 'main.bicep',
      code: `resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'contoso-id'
}

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '\${uami.id}': {}
    }
  }
}
`,
    },
    {
      name: 'identity type from a param without default',
      file: 'main.bicep',
      code: `param identityType string

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  identity: {
    type: identityType
  }
}
`,
    },
    {
      name: 'storage is not checked',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line missing-managed-identity
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
}
`,
    },
  ],
  invalid: [
    {
      name: 'OpenAI account without identity: inserted at the body level',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  location: 'eastus'
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: true
  }

  resource gpt 'deployments' = {
    name: 'gpt-4o'
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16, message: ["Azure AI account 'openAi' has no identity"] }],
      output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  location: 'eastus'
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: true
  }
  identity: {
    type: 'SystemAssigned'
  }

  resource gpt 'deployments' = {
    name: 'gpt-4o'
  }
}
`,
    },
    {
      name: "type 'None' (lower case) on AI Search",
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  identity: {
    type: 'none'
  }
}
`,
      errors: [{ line: 4, column: 11, endLine: 4, endColumn: 17, message: ["identity.type is 'none'"] }],
      output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  identity: {
    type: 'SystemAssigned'
  }
}
`,
    },
    {
      name: "type null or '' (what registry modules make of systemAssigned: false) is no identity",
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  identity: {
    type: ''
  }
}
`,
      errors: [{ line: 4, column: 11, endLine: 4, endColumn: 13, message: ["identity.type is ''"] }],
      output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  identity: {
    type: 'SystemAssigned'
  }
}
`,
    },
    {
      name: 'type null on an AI account',
      file: 'main.bicep',
      code: `resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  identity: {
    type: null
  }
}
`,
      errors: [{ line: 4, column: 11, endLine: 4, endColumn: 15, message: ['identity.type is null'] }],
      output: `resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  identity: {
    type: 'SystemAssigned'
  }
}
`,
    },
    {
      name: "type 'None' from a param default on an ML workspace",
      file: 'main.bicep',
      code: `param identityType string = 'None'

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  identity: {
    type: identityType
  }
}
`,
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 23, message: ["default of param 'identityType'"] }],
      output: `param identityType string = 'SystemAssigned'

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  identity: {
    type: identityType
  }
}
`,
    },
    {
      name: 'Speech accounts in a loop, single-line body',
      file: 'main.bicep',
      code: `resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for r in ['eastus', 'westus']: { name: 'speech-\${r}', kind: 'SpeechServices' }]
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output: `resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for r in ['eastus', 'westus']: {
  name: 'speech-\${r}'
  kind: 'SpeechServices'
  identity: {
    type: 'SystemAssigned'
  }
}]
`,
    },
    {
      name: 'tabs',
      file: 'main.bicep',
      code: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
	name: 'contoso-ai'
	kind: 'AIServices'
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 12 }],
      output: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
	name: 'contoso-ai'
	kind: 'AIServices'
	identity: {
		type: 'SystemAssigned'
	}
}
`,
    },
  ],
});

import { ruleTester } from '../../helpers/rule-tester.js';

const SUGGESTION = "Use Microsoft Entra ID: set authType to 'AAD' and remove credentials";

ruleTester('connection-key-auth', {
  valid: [
    {
      name: 'Foundry connection with Microsoft Entra ID',
      file: 'main.bicep',
      code: `resource foundry 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = {
  name: 'contoso-foundry'
}

resource searchConnection 'Microsoft.CognitiveServices/accounts/connections@2025-06-01' = {
  parent: foundry
  name: 'contoso-search'
  properties: {
    category: 'CognitiveSearch'
    target: 'https://contoso-search.search.windows.net'
    authType: 'AAD'
    isSharedToAll: true
  }
}
`,
    },
    {
      name: 'managed identity and no-auth connections of an ML hub',
      file: 'main.bicep',
      code: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: 'contoso-hub'

  resource registry 'connections@2024-10-01' = {
    name: 'registry'
    properties: {
      category: 'ContainerRegistry'
      target: 'contosoacr.azurecr.io'
      authType: 'ManagedIdentity'
      credentials: {
        clientId: '00000000-0000-0000-0000-000000000000'
        resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id'
      }
    }
  }

  resource git 'connections@2024-10-01' = {
    name: 'samples'
    properties: {
      category: 'Git'
      target: 'https://github.com/contoso/samples'
      authType: 'None'
    }
  }
}
`,
    },
    {
      name: 'auth type from a param without default',
      file: 'main.bicep',
      code: `param authType string

resource project 'Microsoft.CognitiveServices/accounts/projects@2025-06-01' existing = {
  name: 'contoso-foundry/contoso-project'
}

resource conn 'Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01' = {
  parent: project
  name: 'openai'
  properties: {
    category: 'AzureOpenAI'
    target: 'https://contoso-openai.openai.azure.com/'
    authType: authType
  }
}
`,
    },
    {
      name: 'an existing connection is not checked',
      file: 'main.bicep',
      code: `resource conn 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' existing = {
  name: 'contoso-hub/openai'
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `resource foundry 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = {
  name: 'contoso-foundry'

  resource s3 'connections@2025-06-01' = {
    name: 'partner-bucket'
    properties: {
      category: 'S3'
      target: 'https://partner-data.s3.amazonaws.com'
      #disable-next-line connection-key-auth
      authType: 'AccessKey'
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'nested ApiKey connection shared to all, key from listAdminKeys()',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2025-05-01' existing = {
  name: 'contoso-search'
}

resource foundry 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'contoso-foundry'
  location: 'eastus2'
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    allowProjectManagement: true
  }

  resource searchConnection 'connections@2025-06-01' = {
    name: 'contoso-search'
    properties: {
      category: 'CognitiveSearch'
      target: 'https://contoso-search.search.windows.net'
      authType: 'ApiKey'
      isSharedToAll: true
      credentials: {
        key: search.listAdminKeys().primaryKey
      }
      metadata: {
        ApiType: 'Azure'
        ResourceId: search.id
      }
    }
  }
}
`,
      errors: [
        {
          line: 21,
          column: 17,
          endLine: 21,
          endColumn: 25,
          message: ["Connection 'searchConnection'", "authType is 'ApiKey'", 'every project of the Azure AI Foundry account', 'isSharedToAll is true', "authType 'AAD'"],
        },
      ],
      output: null,
      suggestions: [
        {
          title: SUGGESTION,
          output: `resource search 'Microsoft.Search/searchServices@2025-05-01' existing = {
  name: 'contoso-search'
}

resource foundry 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'contoso-foundry'
  location: 'eastus2'
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    allowProjectManagement: true
  }

  resource searchConnection 'connections@2025-06-01' = {
    name: 'contoso-search'
    properties: {
      category: 'CognitiveSearch'
      target: 'https://contoso-search.search.windows.net'
      authType: 'AAD'
      isSharedToAll: true
      metadata: {
        ApiType: 'Azure'
        ResourceId: search.id
      }
    }
  }
}
`,
        },
      ],
    },
    {
      name: 'top-level project connection with an account key',
      file: 'main.bicep',
      code: `resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosodata'
}

resource project 'Microsoft.CognitiveServices/accounts/projects@2025-06-01' existing = {
  name: 'contoso-foundry/contoso-project'
}

resource blobConnection 'Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01' = {
  parent: project
  name: 'contoso-data'
  properties: {
    category: 'AzureBlob'
    target: storage.properties.primaryEndpoints.blob
    authType: 'AccountKey'
    credentials: { key: storage.listKeys().keys[0].value }
  }
}
`,
      errors: [{ line: 15, column: 15, endLine: 15, endColumn: 27, message: ["authType is 'AccountKey'", 'everyone who uses the project'] }],
      output: null,
      suggestions: [
        {
          title: SUGGESTION,
          output: `resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosodata'
}

resource project 'Microsoft.CognitiveServices/accounts/projects@2025-06-01' existing = {
  name: 'contoso-foundry/contoso-project'
}

resource blobConnection 'Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01' = {
  parent: project
  name: 'contoso-data'
  properties: {
    category: 'AzureBlob'
    target: storage.properties.primaryEndpoints.blob
    authType: 'AAD'
  }
}
`,
        },
      ],
    },
    {
      name: 'ML hub connection whose auth type comes from a var',
      file: 'main.bicep',
      code: `@secure()
param openAiKey string

var connectionAuth = 'ApiKey'

resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: 'contoso-hub'
}

resource openAiConnection 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  parent: hub
  name: 'aoai'
  properties: {
    category: 'AzureOpenAI'
    target: 'https://contoso-openai.openai.azure.com/'
    authType: connectionAuth
    credentials: {
      key: openAiKey
    }
  }
}
`,
      errors: [{ line: 16, column: 5, endLine: 16, endColumn: 29, message: ["authType is 'ApiKey' (var 'connectionAuth')", 'machine learning workspace'] }],
      output: null,
      suggestions: [
        {
          title: SUGGESTION,
          output: `@secure()
param openAiKey string

var connectionAuth = 'AAD'

resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: 'contoso-hub'
}

resource openAiConnection 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  parent: hub
  name: 'aoai'
  properties: {
    category: 'AzureOpenAI'
    target: 'https://contoso-openai.openai.azure.com/'
    authType: connectionAuth
  }
}
`,
        },
      ],
    },
    {
      name: 'custom keys in lower case, no credentials written, project nested in the account',
      file: 'main.bicep',
      code: `resource foundry 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = {
  name: 'contoso-foundry'

  resource project 'projects@2025-06-01' existing = {
    name: 'contoso-project'

    resource weather 'connections@2025-06-01' = {
      name: 'weather-api'
      properties: {
        category: 'CustomKeys'
        target: 'https://api.contoso-weather.example'
        authType: 'customkeys'
      }
    }
  }
}
`,
      errors: [{ line: 12, column: 19, endLine: 12, endColumn: 31, message: ["Connection 'weather'"] }],
      output: null,
      suggestions: [
        {
          title: "Use Microsoft Entra ID: set authType to 'AAD'",
          output: `resource foundry 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = {
  name: 'contoso-foundry'

  resource project 'projects@2025-06-01' existing = {
    name: 'contoso-project'

    resource weather 'connections@2025-06-01' = {
      name: 'weather-api'
      properties: {
        category: 'CustomKeys'
        target: 'https://api.contoso-weather.example'
        authType: 'AAD'
      }
    }
  }
}
`,
        },
      ],
    },
    {
      name: 'CRLF',
      file: 'main.bicep',
      code: "resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {\r\n  name: 'contoso-hub'\r\n}\r\n\r\nresource c 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {\r\n  parent: hub\r\n  name: 'aoai'\r\n  properties: {\r\n    authType: 'ApiKey'\r\n    credentials: {\r\n      key: 'placeholder'\r\n    }\r\n    category: 'AzureOpenAI'\r\n  }\r\n}\r\n",
      errors: [{ line: 9, column: 15, endLine: 9, endColumn: 23 }],
      output: null,
      suggestions: [
        {
          title: SUGGESTION,
          output:
            "resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {\r\n  name: 'contoso-hub'\r\n}\r\n\r\nresource c 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {\r\n  parent: hub\r\n  name: 'aoai'\r\n  properties: {\r\n    authType: 'AAD'\r\n    category: 'AzureOpenAI'\r\n  }\r\n}\r\n",
        },
      ],
    },
  ],
});

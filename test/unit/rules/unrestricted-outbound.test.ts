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
      name: 'ML hub allowing only approved outbound',
      file: 'main.bicep',
      code: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-hub'
  kind: 'Hub'
  properties: {
    managedNetwork: {
      isolationMode: 'allowOnlyApprovedOutbound'
      outboundRules: {
        search: {
          type: 'PrivateEndpoint'
          destination: {
            serviceResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Search/searchServices/contoso-search'
            subresourceTarget: 'searchService'
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'ML projects inherit the hub network; feature stores and unknown kinds are not checked',
      file: 'main.bicep',
      code: `param workspaceKind string

resource project 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-project'
  kind: 'Project'
  properties: {
    hubResourceId: resourceId('Microsoft.MachineLearningServices/workspaces', 'contoso-hub')
  }
}

resource features 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-features'
  kind: 'FeatureStore'
}

resource other 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-other'
  kind: workspaceKind
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
    {
      name: 'ML hub without a managed network',
      file: 'main.bicep',
      code: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-hub'
  location: 'eastus2'
  kind: 'Hub'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'Contoso AI hub'
    publicNetworkAccess: 'Disabled'
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 13, message: ["Machine learning hub 'hub'", 'managedNetwork.isolationMode is not set', 'AllowOnlyApprovedOutbound'] }],
      output: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-hub'
  location: 'eastus2'
  kind: 'Hub'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'Contoso AI hub'
    publicNetworkAccess: 'Disabled'
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
    }
  }
}
`,
    },
    {
      name: 'ML hub allowing internet outbound: lands on the value, outbound rules kept',
      file: 'main.bicep',
      code: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-hub'
  kind: 'hub'
  properties: {
    managedNetwork: {
      isolationMode: 'AllowInternetOutbound'
      outboundRules: {}
    }
  }
}
`,
      errors: [{ line: 6, column: 22, endLine: 6, endColumn: 45, message: ["isolationMode is 'AllowInternetOutbound'"] }],
      output: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-hub'
  kind: 'hub'
  properties: {
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {}
    }
  }
}
`,
    },
    {
      name: 'workspace without kind (Default) with isolation disabled from a param default; one without properties',
      file: 'main.bicep',
      code: `@allowed([
  'Disabled'
  'AllowInternetOutbound'
  'AllowOnlyApprovedOutbound'
])
param isolationMode string = 'Disabled'

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  properties: {
    managedNetwork: {
      isolationMode: isolationMode
    }
  }
}

resource sandbox 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-sandbox'
  kind: 'Default'
}
`,
      errors: [
        { line: 12, column: 7, endLine: 12, endColumn: 35, message: ["Machine learning workspace 'workspace'", "'Disabled' (default of param 'isolationMode')"] },
        { line: 17, column: 10, endLine: 17, endColumn: 17 },
      ],
      output: `@allowed([
  'Disabled'
  'AllowInternetOutbound'
  'AllowOnlyApprovedOutbound'
])
param isolationMode string = 'AllowOnlyApprovedOutbound'

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  properties: {
    managedNetwork: {
      isolationMode: isolationMode
    }
  }
}

resource sandbox 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-sandbox'
  kind: 'Default'
}
`,
    },
  ],
});

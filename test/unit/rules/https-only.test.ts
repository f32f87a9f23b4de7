import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('https-only', {
  valid: [
    {
      name: 'https only',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  properties: {
    supportsHttpsTrafficOnly: true
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    httpsOnly: true
  }
}
`,
    },
    {
      name: 'not written (storage defaults to HTTPS only)',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
}
`,
    },
    {
      name: 'param without default',
      file: 'main.bicep',
      code: `param httpsOnly bool

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    httpsOnly: httpsOnly
  }
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    #disable-next-line https-only
    httpsOnly: false
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'web app with httpsOnly false',
      file: 'main.bicep',
      code: `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    httpsOnly: false
  }
}
`,
      errors: [{ line: 4, column: 16, endLine: 4, endColumn: 21, message: ["Web app 'app'", 'httpsOnly is false'] }],
      output: `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    httpsOnly: true
  }
}
`,
    },
    {
      name: 'storage from a param default',
      file: 'main.bicep',
      code: `param httpsTrafficOnly bool = false

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: httpsTrafficOnly
  }
}
`,
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 47, message: ["default of param 'httpsTrafficOnly'"] }],
      output: `param httpsTrafficOnly bool = true

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: httpsTrafficOnly
  }
}
`,
    },
    {
      name: 'web apps in a loop',
      file: 'main.bicep',
      code: `resource apps 'Microsoft.Web/sites@2023-12-01' = [for i in range(0, 2): {
  name: 'contoso-app-\${i}'
  properties: { httpsOnly: false }
}]
`,
      errors: [{ line: 3, column: 28, endLine: 3, endColumn: 33 }],
      output: `resource apps 'Microsoft.Web/sites@2023-12-01' = [for i in range(0, 2): {
  name: 'contoso-app-\${i}'
  properties: { httpsOnly: true }
}]
`,
    },
  ],
});

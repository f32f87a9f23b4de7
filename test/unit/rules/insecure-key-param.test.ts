import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('insecure-key-param', {
  valid: [
    {
      name: 'secure key param',
      file: 'main.bicep',
      code: `@secure()
param openAiKey string
`,
    },
    {
      name: 'names about keys, not keys',
      file: 'main.bicep',
      code: `param keyVaultName string
param keyName string
param keyVaultUri string
param cmkKeyVersion string = ''
param secretName string
param sshPublicKey string
param partitionKey string = '/id'
param encryptionKeySource string = 'Microsoft.KeyVault'
`,
    },
    {
      name: 'every listed reference name, also with a prefix or in another case style',
      file: 'main.bicep',
      code: `param secretUri string
param openAiSecretUrl string
param secretVersion string
param secretpermissions string
param keyVaultKeyUri string
param keyType string = 'RSA'
param keySize string = '2048'
param publicKey string
param adminSshPublicKey string
param key_vault_name string
param keyVaultResourceId string
param keyVaultSecretName string
param cmkKeyName string
`,
    },
    {
      name: 'not a string',
      file: 'main.bicep',
      code: `param keys array
param apiKeyEnabled bool = true
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line insecure-key-param
param searchApiKey string
`,
    },
  ],
  invalid: [
    {
      name: 'AI key param',
      file: 'main.bicep',
      code: `@description('Key of the Azure OpenAI account.')
param openAiKey string
`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 23, message: ["Param 'openAiKey'", '@secure()'] }],
      output: `@secure()
@description('Key of the Azure OpenAI account.')
param openAiKey string
`,
    },
    {
      name: 'several secret names',
      file: 'main.bicep',
      code: `param AZURE_OPENAI_API_KEY string
param adminPassword string
param storageConnectionString string
param clientSecret string?
`,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 34 },
        { line: 2, column: 1, endLine: 2, endColumn: 27 },
        { line: 3, column: 1, endLine: 3, endColumn: 37 },
        { line: 4, column: 1, endLine: 4, endColumn: 27 },
      ],
      output: `@secure()
param AZURE_OPENAI_API_KEY string
param adminPassword string
param storageConnectionString string
param clientSecret string?
`,
    },
    {
      name: 'substrings of the lower-cased name, as in Bicep (adminPasswords, ADMINpassword2, secretmissions, dbpassword)',
      file: 'main.bicep',
      code: `param adminPasswords string
param ADMINpassword2 string
param secretmissions string
param dbpassword string
param sqlPwd string
param storageAccountKeys string
`,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 28, message: ["Param 'adminPasswords'"] },
        { line: 2, column: 1, endLine: 2, endColumn: 28 },
        { line: 3, column: 1, endLine: 3, endColumn: 28 },
        { line: 4, column: 1, endLine: 4, endColumn: 24 },
        { line: 5, column: 1, endLine: 5, endColumn: 20 },
        { line: 6, column: 1, endLine: 6, endColumn: 32 },
      ],
      output: `@secure()
param adminPasswords string
param ADMINpassword2 string
param secretmissions string
param dbpassword string
param sqlPwd string
param storageAccountKeys string
`,
    },
    {
      name: 'a secret beside a reference word is still a secret',
      file: 'main.bicep',
      code: `param keyVaultSecretValue string
param searchKeyNameAndKey string
`,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 33 },
        { line: 2, column: 1, endLine: 2, endColumn: 33 },
      ],
      output: `@secure()
param keyVaultSecretValue string
param searchKeyNameAndKey string
`,
    },
    {
      name: 'key param with a default keeps its default',
      file: 'main.bicep',
      code: `param speechSubscriptionKey string = ''
`,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 40 }],
      output: `@secure()
param speechSubscriptionKey string = ''
`,
    },
    {
      name: 'pragma for another rule stays above the new decorator',
      file: 'main.bicep',
      code: `#disable-next-line hardcoded-key
param searchApiKey string = '7c4a8d09ca3762af61e59520943dc264'
`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 63 }],
      output: `@secure()
#disable-next-line hardcoded-key
param searchApiKey string = '7c4a8d09ca3762af61e59520943dc264'
`,
    },
    {
      name: 'CRLF',
      file: 'main.bicep',
      code: 'param location string\r\nparam translatorKey string\r\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 27 }],
      output: 'param location string\r\n@secure()\r\nparam translatorKey string\r\n',
    },
  ],
});

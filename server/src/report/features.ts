import type { Feature } from '../engine/types.js';

/** The security features of "Security for Azure AI services", in the guidance's order and words. */
export const FEATURES: ReadonlyArray<{ id: Feature; title: string; guidance: string }> = [
  { id: 'tls', title: 'Transport Layer Security (TLS)', guidance: 'All Azure AI services endpoints exposed over HTTP enforce TLS 1.2; clients must use it.' },
  { id: 'authentication', title: 'Authentication', guidance: 'Subscription keys are the simplest method but not the most secure; managed roles in Microsoft Entra ID are.' },
  { id: 'key-rotation', title: 'Key rotation', guidance: 'Each resource has two API keys so they can be regenerated regularly without downtime if one leaks.' },
  { id: 'environment-variables', title: 'Environment variables', guidance: 'Environment variables are more secure than hardcoded values, though Entra ID is more secure still.' },
  { id: 'cmk', title: 'Customer-managed keys (CMK)', guidance: 'For services that store customer data at rest, add a layer of encryption with keys you manage in Azure Key Vault.' },
  { id: 'virtual-networks', title: 'Virtual networks', guidance: 'Specify which networks can call your resource; the service rejects calls from outside them.' },
  { id: 'dlp', title: 'Data loss prevention', guidance: 'Decide which URIs a resource may take as input, so sensitive data cannot be sent out through it.' },
  { id: 'customer-lockbox', title: 'Customer Lockbox', guidance: "Review and approve Microsoft engineers' access to your data during support requests." },
  { id: 'byos', title: 'Bring your own storage (BYOS)', guidance: 'Speech has no Customer Lockbox; store its data in your own storage account for similar control.' },
];

/**
 * Azure Verified Modules from the public registry, analysed from the engine's table
 * (`avm-modules.ts`; docs/rules/README.md, "Registry modules"): each entry becomes a small
 * template with the module's params and the properties they set, analysed at each call like a
 * local module. Other registry modules are not analysed (the audit report lists them).
 */
import { avmRegistryModule } from './avm-modules.js';

export interface RegistryModule {
  /** `avm/res/search/search-service 0.11.1`, for messages. */
  label: string;
  /** The template standing for the module: its params (with their defaults) and the resource they configure. */
  template: string;
  /** Said in every message about it (a version newer than the table). */
  note?: string;
}

export function registryModule(target: string): RegistryModule | undefined {
  return avmRegistryModule(target);
}

/**
 * Why a module call's target is not analysed, or undefined when it is (a local file, or a
 * registry module of the table). Local targets that are not a file of the workspace are the
 * workspace layer's to tell (it knows the files).
 */
export function notAnalysedReason(target: string | undefined): string | undefined {
  if (target === undefined) return 'its target is not a plain string';
  if (/^ts[:/]/.test(target)) return 'template specs are not analysed';
  if (/^br[:/]/.test(target)) return registryModule(target) ? undefined : 'not in the table of registry modules (Azure Verified Modules for AI accounts, AI Search and ML workspaces)';
  return undefined;
}

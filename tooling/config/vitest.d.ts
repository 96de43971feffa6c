import type { UserProjectConfigExport, ViteUserConfig } from 'vitest/config';

/** Vitest project settings shared by every package and app. */
export function sysProject(name: string, overrides?: ViteUserConfig['test']): UserProjectConfigExport;

import type { ZohoApp } from '@zoho-agent-kit/core';
import type { AppSpec } from './spec.js';

/**
 * The apps the generator has app-specific templates for. Every Zoho app now has its own package, whose
 * knowledge lives there; none is left here.
 */
export const APP_SPECS: Partial<Record<ZohoApp, AppSpec>> = {};

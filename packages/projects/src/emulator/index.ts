/**
 * The Zoho Projects slice of the emulator, mounted at `/_projects` on the emulator's origin (Zoho's own paths
 * below it: `/api/v3/...` and the legacy `/restapi/...`). Routes and the choices made where Zoho's behaviour is
 * unconfirmed are in ./routes.ts; records in ./state.ts; the seed (core's AGENCY world) in ./seed.ts.
 *
 * ```ts
 * const emu = await startEmulator({ apps: [projectsEmulator] });
 * const two = await startEmulator({ apps: [createProjectsEmulator({ extraPortals: [{ id: '700000001', portal_name: 'northwindlabs' }] })] });
 * const strict = await startEmulator({ apps: [createProjectsEmulator({ lockout: true })] }); // 100 calls in 2 min → locked 30 min
 * ```
 */
import { thresholdLock, type EmulatorApp, type EmulatorRateLimit, type EmulatorRequest, type EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { projectsError, projectsErrors, projectsRoutes } from './routes.js';
import { DEFAULT_PORTAL_ID, emptyPortal, seedPortal, SIGNED_IN_ZUID, type PortalInit } from './seed.js';
import { newIdGenerator, type ProjectsState } from './state.js';

export type { EmuComment, EmuIssue, EmuMilestone, EmuPortal, EmuProject, EmuStatus, EmuTask, EmuTasklist, EmuTimeLog, EmuUser, PortalData, ProjectsState } from './state.js';
export { dateInZone, fullName, hhmm } from './state.js';
export { DEFAULT_PORTAL_ID, SIGNED_IN_ZUID, type PortalInit } from './seed.js';
export { projectsError, projectsErrors, projectsRoutes } from './routes.js';
export { wireJson } from './wire.js';

/** Every scope the emulator's demo credentials get for Zoho Projects. */
export const PROJECTS_EMULATOR_SCOPES: string[] = [
  'ZohoProjects.portals.READ',
  'ZohoProjects.projects.ALL',
  'ZohoProjects.tasks.ALL',
  'ZohoProjects.tasklists.ALL',
  'ZohoProjects.milestones.ALL',
  'ZohoProjects.timesheets.ALL',
  'ZohoProjects.bugs.ALL',
  'ZohoProjects.users.READ',
];

/** Zoho Projects: more than 100 calls within 2 minutes locks the caller out for 30 minutes (projects.md §4). */
export const PROJECTS_RATE_LIMIT: EmulatorRateLimit = { limit: 100, windowMs: 120_000 };
export const PROJECTS_LOCKOUT_MS = 30 * 60_000;

export interface ProjectsEmulatorOptions {
  /** Requests per window per grant; false for none. Default: 100 requests per 2 minutes, as Zoho Projects. */
  rateLimit?: EmulatorRateLimit | false;
  /**
   * Zoho's documented penalty instead of a sliding window: the call over the limit and every call for the next
   * 30 minutes answer 429 with Retry-After counting down (default false).
   */
  lockout?: boolean;
  /** The main portal's id, name and time zone (default Northwind Creative, 647154632, America/New_York). */
  portal?: PortalInit;
  /** More portals of the same user (the agency's people, no projects), e.g. to test portal discovery. */
  extraPortals?: PortalInit[];
}

/** Wraps each route so the 101st call in 2 minutes locks the grant out for 30 minutes. */
function withLockout(routes: EmulatorRoute<ProjectsState>[], limit: EmulatorRateLimit): EmulatorRoute<ProjectsState>[] {
  return routes.map((route) => ({
    ...route,
    limited: false,
    handle: (req: EmulatorRequest<ProjectsState>) => {
      if (req.quotas && req.token) {
        const refused = thresholdLock(req.state.lock, req.token.grantId, req.now, { ...limit, lockMs: PROJECTS_LOCKOUT_MS }, { clearOnLock: true });
        if (refused?.justLocked) {
          return {
            ...projectsError(429, 'TOO_MANY_REQUESTS', 'THROTTLE_ERROR', `More than ${limit.limit} requests in ${limit.windowMs / 60_000} minutes; the API is locked for 30 minutes.`),
            headers: { 'Retry-After': String(PROJECTS_LOCKOUT_MS / 1000) },
          };
        }
        if (refused) {
          const seconds = String(Math.ceil(refused.retryAfterMs / 1000));
          return { ...projectsErrors.throttled(Number(seconds)), headers: { 'Retry-After': seconds } };
        }
      }
      return route.handle(req);
    },
  }));
}

/** A Zoho Projects emulator slice with its own options; `projectsEmulator` is this with the defaults. */
export function createProjectsEmulator(options: ProjectsEmulatorOptions = {}): EmulatorApp<ProjectsState> {
  const limit = options.rateLimit === false ? undefined : (options.rateLimit ?? PROJECTS_RATE_LIMIT);
  const app: EmulatorApp<ProjectsState> = {
    app: 'projects',
    basePath: '/_projects',
    scopes: PROJECTS_EMULATOR_SCOPES,
    createState: ({ seed, now, randomSeed }) => {
      const nextId = newIdGenerator();
      const main = emptyPortal(options.portal ?? { id: DEFAULT_PORTAL_ID }, nextId, true);
      if (seed) seedPortal(main, nextId, now, randomSeed);
      const state: ProjectsState = { portals: [main], signedInZuid: SIGNED_IN_ZUID, nextId, lock: new Map() };
      (options.extraPortals ?? []).forEach((init, i) => state.portals.push(emptyPortal({ id: String(700000001 + i), ...init }, nextId, false)));
      return state;
    },
    routes: options.lockout && limit ? withLockout(projectsRoutes, limit) : projectsRoutes,
    errors: projectsErrors,
    describe: (state) => {
      const id = state.portals[0]!.portal.id;
      return { ids: { ZOHO_PROJECTS_PORTAL_ID: id }, example: `/api/v3/portal/${id}/projects?page=1&per_page=5` };
    },
  };
  if (limit && !options.lockout) app.rateLimit = limit;
  return app;
}

/** The Zoho Projects emulator slice with defaults: one seeded portal, 100 requests per 2 minutes. */
export const projectsEmulator: EmulatorApp<ProjectsState> = createProjectsEmulator();
